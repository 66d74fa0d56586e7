import { type AccessPolicy, OPEN_POLICY } from "../access/policy.js";
import type { RateLimit } from "../access/rate-limit.js";
import { type Clock, systemClock } from "../clock.js";
import { buildSendCommand, HELP_TEXT, parseSmsText } from "../command/index.js";
import type { SendFields } from "../command/types.js";
import type { Directory } from "../contacts/directory.js";
import type { CreditSource } from "../csoft/account.js";
import type { SendResult, SmsTransport } from "../csoft/types.js";
import {
  DEFAULT_ACK_WORDS,
  DEFAULT_CONFIRM_ABOVE,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_REPLY_WINDOW_MS,
} from "../defaults.js";
import { ChatopsError } from "../errors.js";
import { createEscalationEngine } from "../escalation/engine.js";
import { type Logger, silentLogger } from "../log.js";
import type { AckResult, AckVia } from "../store/twoway-types.js";
import type { PageRow, Store } from "../store/types.js";
import type { StoredReply } from "../twoway/inbound-handler.js";
import { commandLoggers } from "./command-log.js";
import type { PagerBase, PagerContext } from "./context.js";
import { CreditWatch } from "./credit-watch.js";
import { bounded, run } from "./dispatch.js";
import { sendEscalation } from "./escalate.js";
import { Lifecycle } from "./lifecycle.js";
import type { CommandOutcome } from "./outcome.js";
import { acknowledgeByButton, type ReplyOutcome, receiveReply } from "./replies.js";
import type { Admission, CommandContext, CommandOrigin, PageReport, Surface } from "./types.js";

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
  /**
   * CSOFT_REPLY_TO: the account's two-way number, sent as every page's ReplyTo unless the
   * command names its own; pages then end with `Reply ACK <id>` when that fits.
   */
  replyTo?: string;
  /** SMS_ACK_WORDS: a reply starting with one acknowledges; ACK, OK, YES by default. */
  ackWords?: readonly string[];
  /** SMS_REPLY_WINDOW: how far back a reply looks for the page it answers; 24 h by default. */
  replyWindowMs?: number;
  /** Told of every acknowledgement that won (metrics), seconds after the first page; must not throw. */
  onAcknowledged?: (via: AckVia, seconds: number) => void;
  /** Told of every escalation step that paged (metrics); must not throw. */
  onEscalated?: () => void;
  /** Where an escalation of `first` is announced (its thread); else it is only logged. */
  escalationSurface?: (first: PageRow) => Surface | undefined;

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
  /** Fires escalation steps as they fall due, and at once those that fell due while stopped. */
  startEscalations(): Promise<void>;
  /** Acts on a reply POST /csoft/inbound stored: matches it to a page, and acknowledges. */
  receiveReply(reply: StoredReply): Promise<ReplyOutcome>;
  /** The Acknowledge button: acknowledges the page for everyone, once, and cancels its steps. */
  acknowledge(pageId: number, ctx: CommandContext): Promise<AckResult>;
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
  const replySettings = {
    ackWords: deps.ackWords ?? DEFAULT_ACK_WORDS,
    replyWindowMs: deps.replyWindowMs ?? DEFAULT_REPLY_WINDOW_MS,
  };
  const c: PagerContext = {
    ...base,
    transport: deps.transport,
    directory: deps.directory,
    onPageDone: deps.onPageDone,
    policy,
    rateLimit: deps.rateLimit,
    credit: deps.credit,
    replyTo: deps.replyTo,
    escalations: undefined,
    escalationSurface: deps.escalationSurface,
    onAcknowledged: deps.onAcknowledged,

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
    shutdown(graceMs) {
      // No step fires from now on; a step's page being sent is waited for like any other page,
      // within the grace, and then counts as interrupted.
      void c.escalations?.stop();
      return lifecycle.shutdown(graceMs);
    },
    async startEscalations() {
      if (c.escalations !== undefined || lifecycle.closing) return;
      c.escalations = createEscalationEngine({
        timers: c.store,
        clock,
        logger,
        pageStep: async (step, lateByMs) => {
          const page = await sendEscalation(c, step, lateByMs);
          if (page !== undefined) deps.onEscalated?.();
          return page;
        },
      });
      await c.escalations.start();
    },
    receiveReply: (reply) => receiveReply(c, replySettings, reply),
    acknowledge: (pageId, ctx) => acknowledgeByButton(c, pageId, ctx),
  };
}

const MISSING_STORE =
  "createPager needs a store, e.g. openSqliteStore(dataDir): without a durable one, a command delivered twice could page twice.";
