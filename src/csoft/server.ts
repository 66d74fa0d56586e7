import { buildConnector } from "undici";
import type { Clock } from "../clock.js";
import { Connection, type ConnectionOptions } from "./connection.js";
import { asError, connectOptions, connectWithin } from "./connector.js";
import { decodeResponse } from "./decode.js";
import { CSOFT_CONTENT_TYPE } from "./encode.js";
import { CsoftProtocolError } from "./errors.js";
import type { CsoftReport } from "./types.js";

/** csoft answers are small (350 numbers × a short line); anything bigger is some other page. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * Connections idle this long are closed, and never written to. The document warns csoft drops
 * connections that are not reused "in quick succession"; closing idle ones first makes it unlikely
 * that a request is written into a socket csoft has just closed (its answer would then be lost:
 * unknown, not resent). This also bounds how long a warmed connection waits for its page.
 */
const IDLE_CONNECTION_MS = 2_000;

/** Why a server could not be used; nothing was written to it. */
export interface Unreachable {
  kind: "unreachable";
  reason: string;
  error: Error;
}

/** What came of opening a connection. */
export type Opened = { kind: "connected"; connection: Connection } | Unreachable;

/** What came of posting one batch to one server. */
export type Attempt =
  | { kind: "answered"; reports: CsoftReport[] }
  /** Provably not handled by csoft (HTTP 503): safe to send to the other server. */
  | Unreachable
  /** Sent, but no csoft answer came back: csoft may have acted on it. */
  | { kind: "lost"; reason: string; error: Error };

export interface ServerOptions {
  concurrency: number;
  /** The clock that ages idle connections and retires them (tests inject one). */
  clock: Clock;
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

interface IdleConnection {
  connection: Connection;
  since: number;
  cancelTimer: () => void;
}

/**
 * One csoft server: its kept-alive connections, and the judgement of what each failure means.
 * A connection is opened before a request is chosen to go over it; idle ones are reused while
 * fresh, most recently used first.
 */
export class CsoftServer {
  readonly #origin: string;
  readonly #path: string;
  readonly #connect: () => Promise<Opened>;
  readonly #options: ServerOptions;
  readonly #connectionOptions: ConnectionOptions;
  readonly #closing = new AbortController();
  #idle: IdleConnection[] = [];
  /** A connection warm() is opening that no request has claimed yet. */
  #warming: Promise<Opened> | undefined;

  constructor(url: URL, options: ServerOptions) {
    this.#options = options;
    this.#origin = url.origin;
    this.#path = `${url.pathname}${url.search}`;
    const connector = options.connector ?? buildConnector({ timeout: options.connectTimeoutMs });
    const target = connectOptions(url);
    this.#connect = () =>
      connectWithin(connector, target, options.connectTimeoutMs, this.#closing.signal).then(
        (socket): Opened => ({
          kind: "connected",
          connection: new Connection(this.#origin, socket, this.#connectionOptions),
        }),
        (error: unknown): Unreachable => ({
          kind: "unreachable",
          reason: connectFailureReason(error, options.connectTimeoutMs),
          error: asError(error),
        }),
      );
    this.#connectionOptions = {
      keepAliveTimeout: IDLE_CONNECTION_MS,
      // undici's timers restart with every byte; the deadline in post() bounds the whole answer.
      headersTimeout: 0,
      bodyTimeout: 0,
      maxResponseSize: MAX_ANSWER_BYTES,
    };
  }

  /** A fresh idle connection, else the one warm() is opening, else a new one. */
  open(): Promise<Opened> {
    const idle = this.#takeIdle();
    if (idle) return Promise.resolve({ kind: "connected", connection: idle });
    const warming = this.#warming;
    this.#warming = undefined;
    return warming ?? this.#connect();
  }

  /** Opens a connection in the background, unless a fresh one is idle or already on its way. */
  warm(): void {
    if (this.#closing.signal.aborted || this.#warming || this.#hasFreshIdle()) return;
    const warming = this.#connect();
    this.#warming = warming;
    void warming.then((opened) => {
      if (this.#warming !== warming) return; // claimed by a request
      this.#warming = undefined;
      if (opened.kind === "connected") this.#release(opened.connection);
    });
  }

  /** Writes one request on `connection` and reads csoft's answer within the deadline. */
  async post(connection: Connection, body: string): Promise<Attempt> {
    // One deadline for the whole answer, however slowly it trickles in. A real timer, not the
    // Clock's: it must keep the process alive while the request is in flight.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.#options.responseTimeoutMs);
    let attempt: Attempt | undefined;
    try {
      const response = await connection.request({
        path: this.#path,
        method: "POST",
        headers: { "content-type": CSOFT_CONTENT_TYPE },
        body,
        signal: deadline.signal,
      });
      if (response.statusCode === 503) {
        // The one status that says the server is not taking requests: safe to send elsewhere.
        await response.body.dump();
        attempt = {
          kind: "unreachable",
          reason: "HTTP 503",
          error: new CsoftProtocolError("HTTP 503"),
        };
      } else {
        attempt = judgeAnswer(response.statusCode, await response.body.text());
      }
      return attempt;
    } catch (error) {
      if (deadline.signal.aborted) {
        const reason = `no answer within ${this.#options.responseTimeoutMs} ms`;
        return { kind: "lost", reason, error: asError(error) };
      }
      return judgeFailure(error);
    } finally {
      clearTimeout(timer);
      // Only a connection that carried a whole csoft answer is known to be in a clean state.
      if (attempt?.kind === "answered") this.#release(connection);
      else connection.close();
    }
  }

  async close(): Promise<void> {
    this.#closing.abort();
    for (const idle of this.#idle.splice(0)) this.#retire(idle);
    const warming = this.#warming;
    this.#warming = undefined;
    const opened = await warming;
    if (opened?.kind === "connected") opened.connection.close();
  }

  #release(connection: Connection): void {
    if (this.#closing.signal.aborted || !connection.usable) {
      connection.close();
      return;
    }
    const idle: IdleConnection = {
      connection,
      since: this.#options.clock.now(),
      cancelTimer: this.#options.clock.setTimer(() => {
        this.#idle = this.#idle.filter((other) => other !== idle);
        this.#retire(idle);
      }, IDLE_CONNECTION_MS),
    };
    this.#idle.push(idle);
    // Never more idle connections than requests may be in flight.
    const excess = this.#idle.splice(0, Math.max(0, this.#idle.length - this.#options.concurrency));
    for (const old of excess) this.#retire(old);
  }

  #takeIdle(): Connection | undefined {
    for (let idle = this.#idle.pop(); idle; idle = this.#idle.pop()) {
      idle.cancelTimer();
      if (this.#isFresh(idle)) return idle.connection;
      idle.connection.close();
    }
    return undefined;
  }

  #hasFreshIdle(): boolean {
    return this.#idle.some((idle) => this.#isFresh(idle));
  }

  /** Timers can fire late on a busy process; the age is checked again before any write. */
  #isFresh(idle: IdleConnection): boolean {
    return idle.connection.usable && this.#options.clock.now() - idle.since < IDLE_CONNECTION_MS;
  }

  #retire(idle: IdleConnection): void {
    idle.cancelTimer();
    idle.connection.close();
  }
}

/** A failure while writing or reading: the request may have been read, so it is unknown. */
function judgeFailure(error: unknown): Attempt {
  if (errorCode(error) === "UND_ERR_RES_EXCEEDED_MAX_SIZE") {
    return { kind: "lost", reason: "not a csoft response (too large)", error: asError(error) };
  }
  return { kind: "lost", reason: lostAnswerReason(error), error: asError(error) };
}
