import type { buildConnector } from "undici";
import { type Logger, silentLogger } from "../log.js";
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
import { mapWithLimit } from "./map-with-limit.js";
import { ServerPreference } from "./preference.js";
import { classify } from "./report-codes.js";
import { CsoftServer } from "./server.js";
import { parseServerUrl } from "./server-url.js";
import type {
  BatchResult,
  Credentials,
  CsoftReport,
  SendRequest,
  SendResult,
  ServerName,
  SmsTransport,
} from "./types.js";

/** The document: "We suggest that you do not put more than 350 numbers in each request." */
export const MAX_BATCH_SIZE = 350;

export interface CsoftClientOptions {
  credentials: Credentials;
  primaryUrl: string;
  secondaryUrl: string;
  /** Requests in flight per server at most (and pooled connections per server). Default 4. */
  concurrency?: number;
  /** Numbers per request, at most 350 (the default). */
  batchSize?: number;
  connectTimeoutMs?: number;
  /** How long to wait for csoft's answer once the request is sent. */
  responseTimeoutMs?: number;
  /** How long the secondary stays preferred after the primary could not be reached. */
  coolDownMs?: number;
  now?: () => number;
  /** Replaces undici's connector (tests: a connector that never connects). */
  connector?: buildConnector.connector;
  logger?: Logger;
}

/** One request to make: its body, who it is for, and how to read its answer. */
interface BatchJob {
  recipients: readonly string[];
  body: string;
  attribute(reports: readonly CsoftReport[], server: ServerName): Attribution;
}

const DIGITS = /^\d+$/;

function wholeNumber(
  value: number | undefined,
  fallback: number,
  name: string,
  max = Infinity,
): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > max) {
    const range = max === Infinity ? "at least 1" : `from 1 to ${max}`;
    throw new RangeError(`CsoftClient option ${name} must be a whole number ${range}`);
  }
  return chosen;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
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

/**
 * Sends through csoft's HTTP API: batches of ≤ 350 numbers, at most `concurrency` requests in
 * flight, failover to the secondary only when the primary provably never got the request, and
 * never a resend once a request may have reached csoft.
 */
export class CsoftClient implements SmsTransport {
  readonly #credentials: Credentials;
  readonly #servers: Record<ServerName, CsoftServer>;
  readonly #preference: ServerPreference;
  readonly #batchSize: number;
  readonly #concurrency: number;
  readonly #logger: Logger;
  #closing: Promise<void> | undefined;

  constructor(options: CsoftClientOptions) {
    const primaryUrl = parseServerUrl(options.primaryUrl, "primary");
    const secondaryUrl = parseServerUrl(options.secondaryUrl, "secondary");
    this.#concurrency = wholeNumber(options.concurrency, 4, "concurrency");
    this.#batchSize = wholeNumber(options.batchSize, MAX_BATCH_SIZE, "batchSize", MAX_BATCH_SIZE);
    const serverOptions = {
      concurrency: this.#concurrency,
      connectTimeoutMs: wholeNumber(options.connectTimeoutMs, 5_000, "connectTimeoutMs"),
      responseTimeoutMs: wholeNumber(options.responseTimeoutMs, 30_000, "responseTimeoutMs"),
      connector: options.connector,
    };
    this.#credentials = options.credentials;
    this.#servers = {
      primary: new CsoftServer(primaryUrl, serverOptions),
      secondary: new CsoftServer(secondaryUrl, serverOptions),
    };
    const coolDownMs = options.coolDownMs ?? 60_000;
    if (!(coolDownMs >= 0)) throw new RangeError("CsoftClient option coolDownMs must be ≥ 0");
    this.#preference = new ServerPreference(coolDownMs, options.now ?? Date.now);
    this.#logger = options.logger ?? silentLogger();
  }

  async send(request: SendRequest): Promise<SendResult> {
    if (this.#closing) throw new Error("CsoftClient.send() called after close()");
    const started = performance.now();
    const jobs = this.#plan(request);
    const batches = await mapWithLimit(jobs, this.#concurrency, (job) => this.#sendBatch(job));
    return {
      results: batches.flatMap((batch) => batch.results),
      batches,
      durationMs: performance.now() - started,
    };
  }

  close(): Promise<void> {
    this.#closing ??= Promise.all([
      this.#servers.primary.close(),
      this.#servers.secondary.close(),
    ]).then(() => undefined);
    return this.#closing;
  }

  /** Every body is encoded before anything is sent, so bad input sends nothing. */
  #plan(request: SendRequest): BatchJob[] {
    const { destination } = request;
    if (destination.kind === "addressBook") {
      const label = addressBookLabel(destination.book, destination.group);
      return [
        {
          recipients: [label],
          body: encodeSendRequest(this.#credentials, request),
          attribute: (reports, server) => attributeAddressBook(label, reports, server),
        },
      ];
    }
    const invalid = destination.numbers.find((number) => !DIGITS.test(number));
    if (invalid !== undefined) {
      throw new TypeError(`numbers must be digits only (international format), got "${invalid}"`);
    }
    return chunk(destination.numbers, this.#batchSize).map((numbers) => ({
      recipients: numbers,
      body: encodeSendRequest(this.#credentials, request, numbers),
      attribute: (reports, server) => attributeReports(numbers, reports, server),
    }));
  }

  async #sendBatch(job: BatchJob): Promise<BatchResult> {
    const started = performance.now();
    const order = this.#preference.order();
    const failures: ServerFailure[] = [];
    let settled: SettledBatch | undefined;

    for (const name of order) {
      const attempt = await this.#servers[name].post(job.body);
      if (attempt.kind === "answered") {
        settled = answeredBatch(job, name, attempt.reports);
        break;
      }
      if (attempt.kind === "lost") {
        this.#logger.warn(
          { server: name, reason: attempt.reason, count: job.recipients.length },
          "csoft answer lost; not resending",
        );
        settled = lostBatch(job, name, attempt.reason, attempt.error);
        break;
      }
      failures.push({ server: name, reason: attempt.reason, error: attempt.error });
      if (name === "primary") this.#preference.primaryUnreachable();
      if (name === order[0]) {
        this.#logger.warn(
          { from: name, to: order[1], reason: attempt.reason, count: job.recipients.length },
          "csoft server could not be reached; failing over",
        );
      }
    }

    if (!settled) {
      settled = unreachableBatch(job, failures);
      this.#logger.warn(
        { reason: settled.error?.message, count: job.recipients.length },
        "no csoft server could be reached",
      );
    }
    const durationMs = performance.now() - started;
    // The secondary is tried only because the primary was not reachable, now or recently.
    const failedOver = order[0] === "secondary" || failures.length > 0;
    this.#logger.debug(
      { server: settled.server, count: job.recipients.length, durationMs, failedOver },
      "csoft batch",
    );
    return { ...settled, failedOver, durationMs };
  }
}

type SettledBatch = Omit<BatchResult, "durationMs" | "failedOver">;

function answeredBatch(
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
function lostBatch(job: BatchJob, server: ServerName, reason: string, cause: Error): SettledBatch {
  const meaning = `unknown: sent to csoft (${server}) but ${reason}; it may have been sent, so it was not resent`;
  return {
    recipients: job.recipients,
    results: job.recipients.map((recipient) => resultWithoutReport(recipient, "unknown", meaning)),
    server: null,
    error: new CsoftAnswerLostError(server, reason, { cause }),
  };
}

function unreachableBatch(job: BatchJob, failures: readonly ServerFailure[]): SettledBatch {
  const error = new CsoftUnreachableError(failures);
  const meaning = `not sent: ${error.message}`;
  return {
    recipients: job.recipients,
    results: job.recipients.map((recipient) => resultWithoutReport(recipient, "failed", meaning)),
    server: null,
    error,
  };
}
