import type { buildConnector } from "undici";
import { type Clock, systemClock } from "../clock.js";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_COOL_DOWN_MS,
  DEFAULT_HEDGE_DELAY_MS,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  MAX_BATCH_SIZE,
} from "../defaults.js";
import { ChatopsError } from "../errors.js";
import { type Logger, silentLogger } from "../log.js";
import {
  answeredBatch,
  type BatchJob,
  lostBatch,
  planBatches,
  type SettledBatch,
  unreachableBatch,
} from "./batch.js";
import type { ServerFailure } from "./errors.js";
import { type Candidate, connectHedged } from "./hedge.js";
import { Limiter } from "./limiter.js";
import { ServerPreference } from "./preference.js";
import { CsoftServer } from "./server.js";
import { parseServerUrl } from "./server-url.js";
import type {
  BatchResult,
  Credentials,
  SendOptions,
  SendRequest,
  SendResult,
  ServerName,
  SmsTransport,
} from "./types.js";

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
  /**
   * When the preferred server has not completed its connection (TCP and TLS) this long, connect
   * to the other too and send over whichever completes first. 0 turns hedging off. Default 250.
   */
  hedgeDelayMs?: number;
  /** The clock of the cool-down, of idle connections' age and of durations; systemClock by default. */
  clock?: Clock;
  /** Replaces undici's connector (tests: a connector that never connects). */
  connector?: buildConnector.connector;
  logger?: Logger;
}

function wholeNumber(
  value: number | undefined,
  fallback: number,
  name: string,
  max = Infinity,
): number {
  const chosen = value ?? fallback;
  if (!Number.isInteger(chosen) || chosen < 1 || chosen > max) {
    const range = max === Infinity ? "at least 1" : `from 1 to ${max}`;
    throw new ChatopsError(
      "INVALID_OPTION",
      `CsoftClient option ${name} must be a whole number ${range}`,
    );
  }
  return chosen;
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
  readonly #clock: Clock;
  readonly #batchSize: number;
  readonly #limiter: Limiter;
  readonly #hedgeDelayMs: number;
  readonly #logger: Logger;
  #closing: Promise<void> | undefined;

  constructor(options: CsoftClientOptions) {
    const primaryUrl = parseServerUrl(options.primaryUrl, "primary");
    const secondaryUrl = parseServerUrl(options.secondaryUrl, "secondary");
    const concurrency = wholeNumber(options.concurrency, DEFAULT_CONCURRENCY, "concurrency");
    this.#limiter = new Limiter(concurrency);
    this.#batchSize = wholeNumber(options.batchSize, MAX_BATCH_SIZE, "batchSize", MAX_BATCH_SIZE);
    const clock = options.clock ?? systemClock;
    this.#clock = clock;
    const serverOptions = {
      concurrency,
      clock,
      connectTimeoutMs: wholeNumber(
        options.connectTimeoutMs,
        DEFAULT_CONNECT_TIMEOUT_MS,
        "connectTimeoutMs",
      ),
      responseTimeoutMs: wholeNumber(
        options.responseTimeoutMs,
        DEFAULT_RESPONSE_TIMEOUT_MS,
        "responseTimeoutMs",
      ),
      connector: options.connector,
    };
    this.#credentials = options.credentials;
    this.#servers = {
      primary: new CsoftServer(primaryUrl, serverOptions),
      secondary: new CsoftServer(secondaryUrl, serverOptions),
    };
    const coolDownMs = options.coolDownMs ?? DEFAULT_COOL_DOWN_MS;
    if (!(coolDownMs >= 0)) {
      throw new ChatopsError("INVALID_OPTION", "CsoftClient option coolDownMs must be ≥ 0");
    }
    this.#preference = new ServerPreference(coolDownMs, clock);
    this.#hedgeDelayMs = options.hedgeDelayMs ?? DEFAULT_HEDGE_DELAY_MS;
    if (!(Number.isInteger(this.#hedgeDelayMs) && this.#hedgeDelayMs >= 0)) {
      throw new ChatopsError(
        "INVALID_OPTION",
        "CsoftClient option hedgeDelayMs must be a whole number ≥ 0",
      );
    }
    this.#logger = options.logger ?? silentLogger();
  }

  /** `options.logger` (e.g. a child logger carrying the page id) gets this send's log lines. */
  async send(request: SendRequest, options: SendOptions = {}): Promise<SendResult> {
    if (this.#closing) {
      throw new ChatopsError("CSOFT_CLOSED", "CsoftClient.send() called after close()");
    }
    const started = this.#clock.now();
    const jobs = planBatches(this.#credentials, request, this.#batchSize);
    const logger = options.logger ?? this.#logger;
    const batches = await Promise.all(
      jobs.map((job) => this.#limiter.run(() => this.#sendBatch(job, logger))),
    );
    return {
      results: batches.flatMap((batch) => batch.results),
      batches,
      durationMs: this.#clock.now() - started,
    };
  }

  /**
   * Opens a connection to the preferred server in the background, writing nothing, so that a
   * page about to be sent finds one ready. Cheap when a fresh connection is already there or on
   * its way; never throws.
   */
  warm(): void {
    if (this.#closing) return;
    this.#servers[this.#preference.order()[0]].warm();
  }

  close(): Promise<void> {
    this.#closing ??= Promise.all([
      this.#servers.primary.close(),
      this.#servers.secondary.close(),
    ]).then(() => undefined);
    return this.#closing;
  }

  async #sendBatch(job: BatchJob, logger: Logger): Promise<BatchResult> {
    const started = this.#clock.now();
    const order = this.#preference.order();
    const failures: ServerFailure[] = [];
    let settled: SettledBatch | undefined;
    let remaining: readonly ServerName[] = order;
    let sentTo: ServerName | undefined;

    while (!settled && remaining.length > 0) {
      const { link, failures: connectFailures } = await connectHedged(
        remaining.map((name): Candidate => ({ name, server: this.#servers[name] })),
        this.#hedgeDelayMs,
        this.#clock,
      );
      failures.push(...connectFailures);
      if (!link) break;
      sentTo = link.name;
      // A server is written to at most once per batch; one that failed to connect is done too.
      remaining = remaining.filter(
        (name) => name !== link.name && !failures.some((f) => f.server === name),
      );
      if (link.name !== order[0]) this.#failingOver(order[0], link.name, failures, job, logger);
      const attempt = await this.#servers[link.name].post(link.connection, job.body);
      if (attempt.kind === "answered") {
        settled = answeredBatch(job, link.name, attempt.reports);
      } else if (attempt.kind === "lost") {
        logger.warn(
          {
            server: link.name,
            reason: attempt.reason,
            count: job.recipients.length,
            err: attempt.error,
          },
          "csoft answer lost; not resending",
        );
        settled = lostBatch(job, link.name, attempt.reason, attempt.error);
      } else {
        failures.push({ server: link.name, reason: attempt.reason, error: attempt.error });
      }
    }
    // The primary lost to the secondary, by failing or by being slower: prefer the secondary.
    const primaryLost = sentTo === "secondary" || failures.some((f) => f.server === "primary");
    if (order[0] === "primary" && primaryLost) this.#preference.primaryUnreachable();

    if (!settled) {
      settled = unreachableBatch(job, failures);
      logger.warn(
        { reason: settled.error?.message, count: job.recipients.length, err: settled.error },
        "no csoft server could be reached",
      );
    }
    const durationMs = this.#clock.now() - started;
    // The secondary is tried only because the primary was not reachable, now or recently.
    const failedOver = order[0] === "secondary" || primaryLost;
    logger.debug(
      { server: settled.server, count: job.recipients.length, durationMs, failedOver },
      "csoft batch",
    );
    return { ...settled, failedOver, durationMs };
  }

  #failingOver(
    from: ServerName,
    to: ServerName,
    failures: readonly ServerFailure[],
    job: BatchJob,
    logger: Logger,
  ): void {
    const failure = failures.find((f) => f.server === from);
    const reason =
      failure?.reason ?? `no connection within ${this.#hedgeDelayMs} ms, and ${to} connected first`;
    logger.warn(
      { from, to, reason, count: job.recipients.length, ...(failure && { err: failure.error }) },
      "csoft server could not be reached; failing over",
    );
  }
}
