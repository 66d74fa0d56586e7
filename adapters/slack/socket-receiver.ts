// Socket Mode without a deaf gap. Slack asks each connection to be replaced from time to time
// (a `disconnect` message); the SDK's client closes it, then reconnects after a fixed delay, and
// commands in between fail. Slack allows up to ten connections per app, so this receiver opens
// the new connection first and closes the old one once the new one is greeted.

import { type App, type Receiver, type ReceiverEvent, webApi } from "@slack/bolt";
import WebSocket from "ws";
import type { Logger } from "../../src/kit.js";
import { ChatopsError } from "../../src/kit.js";
import { isHandledShape } from "./request-guard.js";

export interface SocketReceiverOptions {
  /** xapp-…, for apps.connections.open. */
  appToken: string;
  clientOptions: webApi.WebClientOptions;
  logger: Logger;
  /** The wait before the nth attempt to reconnect after a lost connection. */
  retryDelayMs?: (attempt: number) => number;
  /** How often each connection is pinged; one unanswered ping ends it. */
  heartbeatMs?: number;
}

interface Envelope {
  type?: string;
  reason?: string;
  envelope_id?: string;
  payload?: unknown;
  retry_attempt?: number;
  retry_reason?: string;
}

/** Slack greets within seconds; a connection that does not is dead. */
const HELLO_TIMEOUT_MS = 10_000;
const HEARTBEAT_MS = 10_000;
const backOff = (attempt: number) => Math.min(attempt, 30) * 1_000;

export class SocketReceiver implements Receiver {
  readonly #web: webApi.WebClient;
  readonly #logger: Logger;
  readonly #retryDelayMs: (attempt: number) => number;
  readonly #heartbeatMs: number;
  #app: App | undefined;
  /** Every connection not yet closed, greeted or not. */
  readonly #sockets = new Set<WebSocket>();
  /** Connections Slack has greeted: they receive envelopes. */
  readonly #live = new Set<WebSocket>();
  /** apps.connections.open calls and connections not yet greeted. */
  #opening = 0;
  #stopping = false;
  #reconnecting = false;

  constructor(options: SocketReceiverOptions) {
    this.#web = new webApi.WebClient(options.appToken, options.clientOptions);
    this.#logger = options.logger;
    this.#retryDelayMs = options.retryDelayMs ?? backOff;
    this.#heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  }

  init(app: App): void {
    this.#app = app;
  }

  /** True while at least one connection can receive commands. */
  connected(): boolean {
    return this.#live.size > 0;
  }

  /** Resolves once Slack has greeted the first connection; a bad token fails it. */
  async start(): Promise<void> {
    this.#stopping = false;
    await this.#connect();
  }

  /** Closes every connection and resolves once they are closed. */
  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.all([...this.#sockets].map(closed));
  }

  async #connect(): Promise<void> {
    this.#opening += 1;
    try {
      const { url } = await this.#web.apps.connections.open();
      if (!url) throw new ChatopsError("SLACK_API", "apps.connections.open answered without a URL");
      // stop() closes the connections it knows of: none may open after it.
      if (this.#stopping) throw new ChatopsError("SLACK_API", "the Slack receiver is stopping");
      const socket = new WebSocket(url);
      this.#sockets.add(socket);
      socket.on("close", () => this.#closed(socket));
      socket.on("error", (error) => this.#logger.warn({ err: error }, "Slack socket error"));
      keepAlive(socket, this.#heartbeatMs);
      await this.#greeting(socket);
      this.#live.add(socket);
    } finally {
      this.#opening -= 1;
    }
  }

  /** Resolves on Slack's hello; from then on the socket's messages are envelopes. */
  #greeting(socket: WebSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => socket.terminate(), HELLO_TIMEOUT_MS);
      socket.once("close", () => {
        clearTimeout(timer);
        reject(new ChatopsError("SLACK_API", "the Slack socket closed before Slack said hello"));
      });
      socket.on("message", (data) => {
        const message = parse(String(data));
        if (message?.type === "hello") {
          clearTimeout(timer);
          resolve();
        } else if (message) {
          this.#receive(socket, message).catch((error: unknown) => {
            this.#logger.error({ err: error, type: message.type }, "a Slack envelope failed");
          });
        }
      });
    });
  }

  async #receive(socket: WebSocket, message: Envelope): Promise<void> {
    if (message.type === "disconnect") {
      await this.#replace(socket, message.reason);
      return;
    }
    const { envelope_id: envelopeId } = message;
    if (envelopeId === undefined) return;
    const ack = this.#acknowledger(socket, envelopeId);
    if (!isHandledShape(message.payload)) {
      this.#logger.warn({ type: message.type }, "Slack envelope the bot does not handle; ignored");
      await ack();
      return;
    }
    const event: ReceiverEvent = {
      body: message.payload as ReceiverEvent["body"],
      ack,
      ...(message.retry_attempt !== undefined && { retryNum: message.retry_attempt }),
      ...(message.retry_reason !== undefined && { retryReason: message.retry_reason }),
      customProperties: {},
    };
    try {
      await this.#app?.processEvent(event);
    } finally {
      // Acknowledged even when it failed: Slack would deliver it again, to fail again.
      await ack();
    }
  }

  /** Make before break: the old connection stays until the new one is greeted. */
  async #replace(old: WebSocket, reason: string | undefined): Promise<void> {
    this.#logger.debug({ reason }, "Slack asked for a new socket connection");
    try {
      await this.#connect();
      old.close(1000);
    } catch (error) {
      // The old connection serves until Slack closes it; then the lost connection is retried.
      this.#logger.warn({ err: error, reason }, "could not open a new Slack socket connection");
      this.#mend();
    }
  }

  /** Acknowledges once, on the envelope's connection, or the newest if that one has closed. */
  #acknowledger(socket: WebSocket, envelopeId: string): ReceiverEvent["ack"] {
    let acknowledged = false;
    return async (response?: unknown) => {
      if (acknowledged) return;
      acknowledged = true;
      const payload = typeof response === "string" ? { text: response } : (response ?? {});
      const via = socket.readyState === WebSocket.OPEN ? socket : [...this.#live].at(-1);
      if (!via) {
        this.#logger.warn({ envelopeId }, "no Slack socket open to acknowledge an envelope");
        return;
      }
      via.send(JSON.stringify({ envelope_id: envelopeId, payload }));
    };
  }

  #closed(socket: WebSocket): void {
    this.#sockets.delete(socket);
    this.#live.delete(socket);
    this.#mend();
  }

  /** Reconnects when no connection is live or on its way (lost, or its replacement failed). */
  #mend(): void {
    if (this.#stopping || this.#reconnecting || this.#live.size > 0 || this.#opening > 0) return;
    this.#logger.warn("Slack socket connection lost; reconnecting");
    this.#reconnecting = true;
    void this.#reconnect().finally(() => {
      this.#reconnecting = false;
    });
  }

  async #reconnect(): Promise<void> {
    for (let attempt = 1; !this.#stopping; attempt += 1) {
      try {
        await this.#connect();
        this.#logger.info("Slack reconnected in Socket Mode");
        return;
      } catch (error) {
        if (this.#stopping) return;
        this.#logger.warn({ err: error, attempt }, "could not reconnect to Slack; retrying");
        await sleep(this.#retryDelayMs(attempt));
      }
    }
  }
}

function parse(text: string): Envelope | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Envelope) : undefined;
  } catch {
    return undefined;
  }
}

/** Pings the server; a connection that missed the last pong is ended (and so replaced). */
function keepAlive(socket: WebSocket, everyMs: number): void {
  let answered = true;
  socket.on("pong", () => {
    answered = true;
  });
  const timer = setInterval(() => {
    if (socket.readyState !== WebSocket.OPEN) return;
    if (!answered) {
      socket.terminate();
      return;
    }
    answered = false;
    socket.ping();
  }, everyMs);
  timer.unref();
  socket.once("close", () => clearInterval(timer));
}

function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once("close", () => resolve());
    socket.close(1000);
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
