import { type AccessPolicy, OPEN_POLICY } from "../access/policy.js";
import type { RateLimit } from "../access/rate-limit.js";
import { type Clock, systemClock } from "../clock.js";
import { buildSendCommand, HELP_TEXT, parseSmsText } from "../command/index.js";
import type { SendFields } from "../command/types.js";
import type { Directory } from "../contacts/directory.js";
import type { CreditSource } from "../csoft/account.js";
import type { SendResult, SmsTransport } from "../csoft/types.js";
import {
  DEFAULT_CONFIRM_ABOVE,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_MAX_IN_FLIGHT,
} from "../defaults.js";
import { ChatopsError } from "../errors.js";
import { type Logger, silentLogger } from "../log.js";
import type { Store } from "../store/types.js";
import { commandLoggers } from "./command-log.js";
import type { PagerBase, PagerContext } from "./context.js";
import { CreditWatch } from "./credit-watch.js";
import { bounded, run } from "./dispatch.js";
import { Lifecycle } from "./lifecycle.js";
import type { CommandOutcome } from "./outcome.js";
import type { Admission, CommandContext, CommandOrigin, PageReport } from "./types.js";

export interface PagerDeps {
  transport: SmsTransport;
  /** The contacts directory as it is now (it may be reloaded between commands). */
  directory?: () => Directory | undefined;
  logger?: Logger;
  /** Wall time and timers (confirmation expiry, rate limits, shutdown grace); systemClock by default. */
  clock?: Clock;
  /** Told of every page once its results are in (metrics); must not throw. */
  onPageDone?: (report: PageReport, sent: readonly SendResult[]) => void;
  /**
   * Where every page is recorded before sending, request keys claimed and rate windows
   * counted. Required: without a durable store there is no exactly-once.
   */
  store: Store;
  /** Who may page, and how many numbers at once; everyone and any number by default. */
  policy?: AccessPolicy;
  /** Pages per person per window; unlimited by default. */
  rateLimit?: RateLimit;
  confirmAbove?: number;
  confirmTimeoutMs?: number;
  /** Answers `/sms credit` (csoft's account query); without it the command says it cannot. */
  credit?: CreditSource;
  /** Commands handled at once; more are refused as busy, never queued (SMS_MAX_IN_FLIGHT). */
  maxInFlight?: number;
  /** CSOFT_LOW_CREDIT: after pages (once a minute at most) a lower balance is said in the thread. */
  lowCredit?: number;
}

/**
 * The one entry every adapter calls. Never throws: every failure is told to the caller, and
 * each command resolves to what became of it.
 */
export interface Pager {
  /** Runs the text that follows `/sms`. */
  runSms(text: string, ctx: CommandContext): Promise<CommandOutcome>;
  /** Runs a send given as typed fields (Discord options); validated exactly as the text grammar. */
  runFields(fields: SendFields, ctx: CommandContext): Promise<CommandOutcome>;
  help(ctx: CommandContext): Promise<void>;
  /** Resends a page to its numbers whose result is unknown: once, and only for its requester. */
  resend(pageId: number, ctx: CommandContext): Promise<CommandOutcome>;
  /**
   * Takes a place for one command within the bound on commands in flight, at once; undefined
   * when the bot is busy. An adapter takes it on receipt, before any other work, passes it in
   * the context of the run, and releases it when it is done with the command.
   */
  admit(): Admission | undefined;
  /**
   * Claims one delivery's request key on receipt, before the adapter answers anything: false
   * when a delivery of it, here or on another replica, was claimed before, and then nothing
   * is answered. The run's context then says `claimed`.
   */
  claim(requestKey: string): Promise<boolean>;
  /** Records a command turned away as busy (nothing sent), and returns what to tell its sender. */
  turnAwayBusy(typed: string, origin: CommandOrigin): string;
  /**
   * Takes no more commands, waits up to `graceMs` for pages being sent, and records those
   * still unfinished as interrupted. Resolves to how many were.
   */
  shutdown(graceMs: number): Promise<number>;
}

export function createPager(deps: PagerDeps): Pager {
  // Checked for callers from plain JavaScript: a silent stand-in would lose exactly-once.
  if (deps.store === undefined) throw new ChatopsError("INVALID_OPTION", MISSING_STORE);
  const logger = deps.logger ?? silentLogger();
  const clock = deps.clock ?? systemClock;
  const base: PagerBase = {
    store: deps.store,
    logger,
    logFor: commandLoggers(logger),
    clock,
    now: () => new Date(clock.now()),
    at: () => clock.now(),
  };
  const lifecycle = new Lifecycle(base, deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const policy = deps.policy ?? OPEN_POLICY;
  const c: PagerContext = {
    ...base,
    transport: deps.transport,
    directory: deps.directory,
    onPageDone: deps.onPageDone,
    policy,
    rateLimit: deps.rateLimit,
    credit: deps.credit,
    creditWatch:
      deps.credit &&
      new CreditWatch({ source: deps.credit, clock, logger, lowCredit: deps.lowCredit }),
    gates: {
      policy,
      rateLimit: deps.rateLimit,
      windows: deps.store,
      confirmAbove: deps.confirmAbove ?? DEFAULT_CONFIRM_ABOVE,
      confirmTimeoutMs: deps.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
      setTimer: (run, ms) => clock.setTimer(run, ms),
      now: base.now,
      stopping: lifecycle.stopping,
    },
    lifecycle,
  };
  return {
    runSms: (text, ctx) =>
      bounded(c, ctx, text, () => run(c, parseSmsText(text, c.now()), text, ctx)),
    runFields: (fields, ctx) => {
      const typed = `${fields.to} ${fields.message}`;
      return bounded(c, ctx, typed, () => run(c, buildSendCommand(fields, c.now()), typed, ctx));
    },
    help: (ctx) => ctx.surface.replyPrivately(HELP_TEXT),
    resend: (pageId, ctx) => {
      const typed = `resend ${pageId}`;
      return bounded(c, ctx, typed, () => run(c, { kind: "resend", pageId }, typed, ctx));
    },
    admit: () => lifecycle.admit(),
    claim: (requestKey) => c.store.claimRequest(requestKey, c.at()),
    turnAwayBusy: (typed, from) => lifecycle.turnAwayBusy(typed, from),
    shutdown: (graceMs) => lifecycle.shutdown(graceMs),
  };
}

const MISSING_STORE =
  "createPager needs a store, e.g. openSqliteStore(dataDir): without a durable one, a command delivered twice could page twice.";
