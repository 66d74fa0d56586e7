// One request to csoft: the batches a send is cut into, and what each settles as (answered,
// lost, or unreachable), the numbers' results attributed from csoft's reports.

import { ChatopsError } from "../errors.js";
import {
  type Attribution,
  addressBookLabel,
  attributeAddressBook,
  attributeReports,
  resultWithoutReport,
} from "./attribute.js";
import { encodeSendRequest } from "./encode.js";
import {
  CsoftAnswerLostError,
  CsoftProtocolError,
  CsoftReportError,
  CsoftUnreachableError,
  type ServerFailure,
} from "./errors.js";
import { classify } from "./report-codes.js";
import type { BatchResult, Credentials, CsoftReport, SendRequest, ServerName } from "./types.js";

/** One request to make: its body, who it is for, and how to read its answer. */
export interface BatchJob {
  recipients: readonly string[];
  body: string;
  attribute(reports: readonly CsoftReport[], server: ServerName): Attribution;
}

const DIGITS = /^\d+$/;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

/** Every body is encoded before anything is sent, so bad input sends nothing. */
export function planBatches(
  credentials: Credentials,
  request: SendRequest,
  batchSize: number,
): BatchJob[] {
  const { destination } = request;
  if (destination.kind === "addressBook") {
    const label = addressBookLabel(destination.book, destination.group);
    return [
      {
        recipients: [label],
        body: encodeSendRequest(credentials, request),
        attribute: (reports, server) => attributeAddressBook(label, reports, server),
      },
    ];
  }
  const invalid = destination.numbers.find((number) => !DIGITS.test(number));
  if (invalid !== undefined) {
    throw new ChatopsError(
      "CSOFT_BAD_REQUEST",
      `numbers must be digits only (international format), got "${invalid}"`,
    );
  }
  return chunk(destination.numbers, batchSize).map((numbers) => ({
    recipients: numbers,
    body: encodeSendRequest(credentials, request, numbers),
    attribute: (reports, server) => attributeReports(numbers, reports, server),
  }));
}

/** The error a batch carries when csoft did not give each number its own report. */
function attributionError(attribution: Attribution, server: ServerName): Error | undefined {
  if (attribution.kind === "unattributable") {
    return new CsoftProtocolError(
      `${attribution.reportCount} reports for ${attribution.results.length} numbers cannot be matched to them`,
    );
  }
  if (attribution.kind === "wholeRequest") {
    const { outcome, meaning } = classify(attribution.report);
    if (outcome === "failed") {
      return new CsoftReportError({ ...attribution.report, meaning }, server);
    }
  }
  return undefined;
}

export type SettledBatch = Omit<BatchResult, "durationMs" | "failedOver">;

export function answeredBatch(
  job: BatchJob,
  server: ServerName,
  reports: readonly CsoftReport[],
): SettledBatch {
  const attribution = job.attribute(reports, server);
  const error = attributionError(attribution, server);
  return {
    recipients: job.recipients,
    results: attribution.results,
    server,
    ...(error && { error }),
  };
}

/** The request may have been acted on: every recipient is unknown, and nothing is resent. */
export function lostBatch(
  job: BatchJob,
  server: ServerName,
  reason: string,
  cause: Error,
): SettledBatch {
  const meaning = `unknown: sent to csoft (${server}) but ${reason}; it may have been sent, so it was not resent`;
  return {
    recipients: job.recipients,
    results: job.recipients.map((recipient) => resultWithoutReport(recipient, "unknown", meaning)),
    server: null,
    error: new CsoftAnswerLostError(server, reason, { cause }),
  };
}

export function unreachableBatch(job: BatchJob, failures: readonly ServerFailure[]): SettledBatch {
  const error = new CsoftUnreachableError(failures);
  const meaning = `not sent: ${error.message}`;
  return {
    recipients: job.recipients,
    results: job.recipients.map((recipient) => resultWithoutReport(recipient, "failed", meaning)),
    server: null,
    error,
  };
}
