import { buildConnector, Pool } from "undici";
import { asError, type WatchedConnector, watchConnector } from "./connector.js";
import { decodeResponse } from "./decode.js";
import { CSOFT_CONTENT_TYPE } from "./encode.js";
import { CsoftProtocolError } from "./errors.js";
import type { CsoftReport } from "./types.js";

/** csoft answers are small (350 numbers × a short line); anything bigger is some other page. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/** Kept-alive connections idle longer than this are closed by us (server hints may shorten it). */
const IDLE_CONNECTION_MS = 2_000;

/** What came of posting one batch to one server. */
export type Attempt =
  | { kind: "answered"; reports: CsoftReport[] }
  /** Provably not handled by csoft (no connection, or HTTP 503): safe to send to the other server. */
  | { kind: "unreachable"; reason: string; error: Error }
  /** Sent, but no csoft answer came back: csoft may have acted on it. */
  | { kind: "lost"; reason: string; error: Error };

export interface ServerOptions {
  concurrency: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  connector?: buildConnector.connector | undefined;
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]);
const TLS_CODE = /CERT|TLS|SSL|EPROTO/;

/** Short, secret-free words for a connect failure; error codes only, never raw messages. */
function connectFailureReason(error: unknown, connectTimeoutMs: number): string {
  const code = errorCode(error);
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "UND_ERR_CONNECT_TIMEOUT") return `no connection within ${connectTimeoutMs} ms`;
  if (code && DNS_CODES.has(code)) return `DNS lookup failed (${code})`;
  if (code && TLS_CODE.test(code)) return `TLS failure (${code})`;
  return `could not connect (${code ?? asError(error).name})`;
}

function lostAnswerReason(error: unknown): string {
  const code = errorCode(error);
  if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || code === "EPIPE") {
    return "the connection closed before the answer";
  }
  return `the request failed after connecting (${code ?? asError(error).name})`;
}

/**
 * What a complete answer (other than 503) means. A csoft answer is csoft's whatever the status.
 * Anything else (a 500, a gateway's 504, an HTML page) may come after csoft acted on the request,
 * so its numbers are unknown, never resent.
 */
function judgeAnswer(statusCode: number, text: string): Attempt {
  try {
    return { kind: "answered", reports: decodeResponse(text) };
  } catch (error) {
    const reason =
      statusCode >= 500 ? `HTTP ${statusCode}` : `not a csoft response (HTTP ${statusCode})`;
    return { kind: "lost", reason, error: new CsoftProtocolError(reason, { cause: error }) };
  }
}

/** One csoft server: a keep-alive pool, and the judgement of what each failure means. */
export class CsoftServer {
  readonly #pool: Pool;
  readonly #path: string;
  readonly #connector: WatchedConnector;
  readonly #options: ServerOptions;

  constructor(url: URL, options: ServerOptions) {
    this.#options = options;
    this.#path = `${url.pathname}${url.search}`;
    this.#connector = watchConnector(
      options.connector ?? buildConnector({ timeout: options.connectTimeoutMs }),
      options.connectTimeoutMs,
    );
    this.#pool = new Pool(url.origin, {
      connections: options.concurrency,
      pipelining: 1,
      // The document warns csoft drops connections that are not reused "in quick succession";
      // closing idle ones first makes it unlikely that a request is written into a socket csoft
      // has just closed (its answer would then count as lost: unknown, not resent).
      keepAliveTimeout: IDLE_CONNECTION_MS,
      connect: this.#connector.connect,
      // undici's timers restart with every byte; the deadline in post() bounds the whole answer.
      headersTimeout: 0,
      bodyTimeout: 0,
      maxResponseSize: MAX_ANSWER_BYTES,
    });
  }

  async post(body: string): Promise<Attempt> {
    // One deadline for the whole answer, however slowly it trickles in.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.#options.responseTimeoutMs);
    try {
      const response = await this.#pool.request({
        path: this.#path,
        method: "POST",
        headers: { "content-type": CSOFT_CONTENT_TYPE },
        body,
        signal: deadline.signal,
      });
      if (response.statusCode === 503) {
        // The one status that says the server is not taking requests: safe to send elsewhere.
        await response.body.dump().catch(() => undefined);
        return {
          kind: "unreachable",
          reason: "HTTP 503",
          error: new CsoftProtocolError("HTTP 503"),
        };
      }
      return judgeAnswer(response.statusCode, await response.body.text());
    } catch (error) {
      if (deadline.signal.aborted) {
        const reason = `no answer within ${this.#options.responseTimeoutMs} ms`;
        return { kind: "lost", reason, error: asError(error) };
      }
      return this.#judgeFailure(error);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    return this.#pool.close();
  }

  #judgeFailure(error: unknown): Attempt {
    if (this.#connector.failedToConnect(error)) {
      return {
        kind: "unreachable",
        reason: connectFailureReason(error, this.#options.connectTimeoutMs),
        error: asError(error),
      };
    }
    if (errorCode(error) === "UND_ERR_RES_EXCEEDED_MAX_SIZE") {
      return { kind: "lost", reason: "not a csoft response (too large)", error: asError(error) };
    }
    // Anything else happened on a live connection, so the request may have been read.
    return {
      kind: "lost",
      reason: lostAnswerReason(error),
      error: asError(error),
    };
  }
}
