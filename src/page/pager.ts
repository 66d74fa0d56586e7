import { type AccessPolicy, OPEN_POLICY } from "../access/policy.js";
import type { RateLimit } from "../access/rate-limit.js";
import { type Clock, systemClock } from "../clock.js";
import { type CommandInput, describeInput } from "../command/index.js";
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
import { answerQuestion } from "./answer.js";
import { commandLoggers } from "./command-log.js";
import type { PagerBase, PagerContext } from "./context.js";
import { CreditWatch } from "./credit-watch.js";
import { bounded, run } from "./dispatch.js";
import { Lifecycle } from "./lifecycle.js";
import type { CommandOutcome } from "./outcome.js";
import { type TwoWayDeps, type TwoWayPager, twoWayContext, twoWayPager } from "./two-way.js";
import type {
  Admission,
  CommandContext,
  CommandOrigin,
  PageReport,
  QuestionClick,
} from "./types.js";

export interface PagerDeps extends TwoWayDeps {
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
  /** Told once a page's report is posted and where it is stored (delivery receipts); must not throw. */
  onReported?: (pageId: number) => void;
  /** CSOFT_LOW_CREDIT: after pages (once a minute at most) a lower balance is said in the thread. */
  lowCredit?: number;
}

/**
 * The one entry every adapter calls. Never throws: every failure is told to the caller, and
 * each command resolves to what became of it.
 */
export interface Pager extends TwoWayPager {
  /**
   * Runs one command, however the chat took it: text parsed with the grammar (parseCommand),
   * or a chat's typed options. Recipient tokens the context's `mentions` claims are read by it.
   */
  run(input: CommandInput, ctx: CommandContext): Promise<CommandOutcome>;
  /**
   * Answers a click on a stored confirmation question, in whichever process received it: the
   * requester's first click before expiry wins, once, and a confirmed page is sent as any
   * page is. `ctx` is the click's: who clicked, where, and the surface the page goes to.
   */
  answer(click: QuestionClick, ctx: CommandContext): Promise<CommandOutcome>;
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
  turnAwayBusy(input: CommandInput, origin: CommandOrigin): string;
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
    onReported: deps.onReported,
    policy,
    rateLimit: deps.rateLimit,
    credit: deps.credit,
    ...twoWayContext(deps),
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
    run: (input, ctx) => bounded(c, ctx, describeInput(input), () => run(c, input, ctx)),
    answer: (click, ctx) =>
      bounded(c, ctx, `answer ${click.questionId}`, () => answerQuestion(c, click, ctx)),
    admit: () => lifecycle.admit(),
    claim: (requestKey) => c.store.claimRequest(requestKey, c.at()),
    turnAwayBusy: (input, from) => lifecycle.turnAwayBusy(describeInput(input), from),
    shutdown(graceMs) {
      // No step fires from now on; a step's page being sent is waited for like any other page,
      // within the grace, and then counts as interrupted.
      void c.escalations?.stop();
      return lifecycle.shutdown(graceMs);
    },
    ...twoWayPager(c, deps),
  };
}

const MISSING_STORE =
  "createPager needs a store, e.g. openSqliteStore(dataDir): without a durable one, a command delivered twice could page twice.";
