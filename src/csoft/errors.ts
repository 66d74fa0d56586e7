import { ChatopsError } from "../errors.js";
import type { CodeScheme, ServerName } from "./types.js";

/** Stable codes callers switch on; messages may be reworded, these may not. */
export type CsoftErrorCode =
  | "CSOFT_REPORT"
  | "CSOFT_UNREACHABLE"
  | "CSOFT_ANSWER_UNKNOWN"
  | "CSOFT_NOT_A_RESPONSE";

/**
 * Base of every csoft transport failure. Messages are built from our own words, report codes
 * and server names only: never from the request body, so the PIN cannot leak through them.
 */
export class CsoftError extends ChatopsError {
  declare readonly code: CsoftErrorCode;

  constructor(code: CsoftErrorCode, message: string, options?: ErrorOptions) {
    super(code, message, options);
  }
}

/** csoft answered the whole request (not each number) with a report code, e.g. invalid login. */
export class CsoftReportError extends CsoftError {
  readonly reportCode: number;
  readonly scheme: CodeScheme;
  readonly server: ServerName;

  constructor(report: { code: number; scheme: CodeScheme; meaning: string }, server: ServerName) {
    super(
      "CSOFT_REPORT",
      `csoft (${server}) answered the whole request with report code ${report.code}: ${report.meaning}`,
    );
    this.reportCode = report.code;
    this.scheme = report.scheme;
    this.server = server;
  }
}

/** Why one server could not be reached, e.g. "connection refused" or "HTTP 503". */
export interface ServerFailure {
  server: ServerName;
  reason: string;
  error: Error;
}

/** Neither server could be reached: nothing was sent. */
export class CsoftUnreachableError extends CsoftError {
  readonly failures: readonly ServerFailure[];

  constructor(failures: readonly ServerFailure[]) {
    const reasons = failures.map((failure) => `${failure.server}: ${failure.reason}`).join("; ");
    super("CSOFT_UNREACHABLE", `could not reach csoft (${reasons})`, {
      cause: new AggregateError(
        failures.map((failure) => failure.error),
        "every csoft server failed",
      ),
    });
    this.failures = failures;
  }
}

/**
 * The request was sent but no csoft answer came back (time-out, connection closed, a 5xx or a
 * page that is not csoft's). csoft may have sent the messages, so the batch is reported as
 * unknown and never resent.
 */
export class CsoftAnswerLostError extends CsoftError {
  readonly server: ServerName;
  readonly reason: string;

  constructor(server: ServerName, reason: string, options?: { cause?: unknown }) {
    super(
      "CSOFT_ANSWER_UNKNOWN",
      `the request was sent to csoft (${server}) but its answer was lost (${reason}); the messages may have been sent, so they were not resent`,
      options,
    );
    this.server = server;
    this.reason = reason;
  }
}

/** A body that is not a csoft answer (an HTML error page, an empty body, garbled fields). */
export class CsoftProtocolError extends CsoftError {
  constructor(detail?: string, options?: { cause?: unknown }) {
    super(
      "CSOFT_NOT_A_RESPONSE",
      detail ? `not a csoft response: ${detail}` : "not a csoft response",
      options,
    );
  }
}
