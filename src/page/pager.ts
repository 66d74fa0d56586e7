import { type AccessPolicy, OPEN_POLICY, refusalFor } from "../access/policy.js";
import { type RateLimit, rateRefusal } from "../access/rate-limit.js";
import { type Clock, systemClock } from "../clock.js";
import {
  buildSendCommand,
  HELP_TEXT,
  measureMessage,
  parseSmsText,
  UsageError,
} from "../command/index.js";
import type { RecipientRef, SendCommand, SendFields, SmsCommand } from "../command/types.js";
import type { Directory } from "../contacts/directory.js";
import type { CreditSource } from "../csoft/account.js";
import type { SendRequest, SendResult, SmsTransport } from "../csoft/types.js";
import {
  DEFAULT_CONFIRM_ABOVE,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_MAX_IN_FLIGHT,
} from "../defaults.js";
import { ChatopsError, COMMAND_FAILED_REPLY } from "../errors.js";
import { childLogger, type Logger, silentLogger } from "../log.js";
import { CONFIRM_REPLIES } from "../report/confirm.js";
import { renderPreview } from "../report/text.js";
import type { Store } from "../store/types.js";
import { answerHistory, answerStatus } from "./audit.js";
import { commandLoggers } from "./command-log.js";
import { answer, decline, origin, type PagerBase } from "./context.js";
import { answerCredit } from "./credit.js";
import { SurfaceError } from "./errors.js";
import { checkPageGates, type PageGatesOptions } from "./gates.js";
import { Lifecycle } from "./lifecycle.js";
import { type CommandOutcome, pageOutcome } from "./outcome.js";
import { previewOf, type ResolvedRecipients, resolveRecipients } from "./recipients.js";
import { buildPageReport } from "./report.js";
import { RESEND_REPLIES, resendKey, resendOffer, unknownNumbers } from "./resend.js";
import type {
  Admission,
  CommandContext,
  CommandOrigin,
  PageAnnouncement,
  PagePreview,
  PageReport,
  Thread,
} from "./types.js";

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
  const logFor = commandLoggers(logger);
  const clock = deps.clock ?? systemClock;
  /** The clock's time as a Date, for the grammar and the history, which speak in dates. */
  const now = () => new Date(clock.now());
  const at = () => clock.now();
  const history = deps.store;
  const policy = deps.policy ?? OPEN_POLICY;
  const base: PagerBase = { store: history, logger, logFor, clock, now, at };
  const lifecycle = new Lifecycle(base, deps.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
  const gates: PageGatesOptions = {
    policy,
    rateLimit: deps.rateLimit,
    windows: history,
    confirmAbove: deps.confirmAbove ?? DEFAULT_CONFIRM_ABOVE,
    confirmTimeoutMs: deps.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
    setTimer: (run, ms) => clock.setTimer(run, ms),
    now,
    stopping: lifecycle.stopping,
  };

  async function guarded(
    ctx: CommandContext,
    work: () => Promise<CommandOutcome>,
  ): Promise<CommandOutcome> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof UsageError) {
        logFor(ctx).debug({ problem: error.message }, "usage error; nothing sent");
        await ctx.surface.replyPrivately(error.message);
        return "invalid";
      }
      logFor(ctx).error({ err: error }, "command failed");
      await ctx.surface.replyPrivately(COMMAND_FAILED_REPLY);
      // It may have broken after csoft took the page.
      return "unknown";
    }
  }

  /** A key seen before is a redelivery of a command already handled: it is dropped quietly. */
  async function isRedelivery(ctx: CommandContext): Promise<boolean> {
    if (ctx.requestKey === undefined || (await history.claimRequest(ctx.requestKey, at()))) {
      return false;
    }
    logFor(ctx).info("command delivered again; it was handled already and is not run again");
    return true;
  }

  /** Runs a parsed command: help for anyone, the rest only for those allowed to page. */
  async function run(
    command: SmsCommand,
    typed: string,
    ctx: CommandContext,
  ): Promise<CommandOutcome> {
    if (command.kind === "help") return answer(ctx, HELP_TEXT);
    const refusal = refusalFor(policy, ctx, command.kind);
    if (refusal !== undefined) return decline(base, ctx, typed, "refused", refusal);
    switch (command.kind) {
      case "who":
        return preview(command.recipients, undefined, ctx);
      case "history":
        return answer(ctx, await answerHistory(history, command));
      case "status":
        return answer(ctx, await answerStatus(history, command));
      case "credit":
        return answer(ctx, await answerCredit(deps.credit));
      case "send":
        return page(command, typed, ctx);
      case "resend":
        return resend(command.pageId, typed, ctx);
    }
  }

  async function preview(
    recipients: readonly RecipientRef[],
    message: PagePreview["message"],
    ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const resolved = resolveRecipients(recipients, deps.directory?.());
    logFor(ctx).debug(
      { numbers: resolved.numbers.length, addressBooks: resolved.addressBooks.length },
      "dry run; nothing sent",
    );
    return answer(ctx, renderPreview(previewOf(resolved, message)));
  }

  /** `resendOf`: this page resends that one to its unknown numbers, which only happens once. */
  async function page(
    command: SendCommand,
    typed: string,
    ctx: CommandContext,
    resendOf?: number,
  ): Promise<CommandOutcome> {
    if (command.dryRun) {
      const { message: text, encoding, options } = command;
      return preview(command.recipients, { text, encoding, options }, ctx);
    }
    deps.transport.warm?.(); // connect while recipients are resolved and the page confirmed
    const resolved = resolveRecipients(command.recipients, deps.directory?.());
    const { labels, numbers, addressBooks } = resolved;
    const announcement: PageAnnouncement = {
      actor: ctx.actor,
      recipients: labels,
      message: command.message,
      options: command.options,
      encoding: command.encoding,
    };
    const verdict = await checkPageGates(
      gates,
      {
        announcement,
        numbers: numbers.length,
        addressBooks,
        confirmedInAdvance: command.confirmed,
        confirmedByOffer: resendOf !== undefined,
      },
      ctx,
    );
    if (verdict.kind === "declined") {
      return decline(base, ctx, typed, verdict.state, verdict.reason, labels);
    }
    if (lifecycle.closing)
      return decline(base, ctx, typed, "cancelled", CONFIRM_REPLIES.shuttingDown, labels);
    // Claimed in the database: a second click, here or in another process, sends nothing.
    if (resendOf !== undefined && !(await history.claimRequest(resendKey(resendOf), at()))) {
      return answer(ctx, RESEND_REPLIES.alreadyResent(resendOf));
    }
    // Recording the page takes its rate-limit slot, atomically with the count.
    const recorded = await history.recordPage(
      {
        ...origin(ctx),
        ...(resendOf !== undefined && { requestKey: resendKey(resendOf), resendOf }),
        recipients: labels,
        numbers,
        addressBooks,
        message: command.message,
        options: command.options,
      },
      at(),
      deps.rateLimit,
    );
    if (!recorded.recorded) {
      if (resendOf !== undefined) await history.releaseRequest(resendKey(resendOf));
      const reason = rateRefusal(deps.rateLimit as RateLimit, recorded.retryInMs);
      return decline(base, ctx, typed, "refused", reason, labels);
    }
    const { id } = recorded;
    const thread = await announceOrRefuse(id, announcement, ctx, resendOf);
    if (thread === undefined) return "failed";
    const work = send(id, command, resolved, announcement, ctx);
    lifecycle.sending(id, work);
    try {
      const report = await work;
      await thread.report(report);
      await offerResend(id, unknownNumbers(report, numbers), ctx);
      return pageOutcome(report.counts);
    } finally {
      lifecycle.finished(id);
    }
  }

  /**
   * Posts the page; when the chat refuses, nothing is sent: the page is recorded as refused,
   * which gives its rate-limit slot back, and a resend claim is given back too.
   */
  async function announceOrRefuse(
    id: number,
    announcement: PageAnnouncement,
    ctx: CommandContext,
    resendOf: number | undefined,
  ): Promise<Thread | undefined> {
    try {
      return await ctx.surface.announce(announcement);
    } catch (error) {
      if (!(error instanceof SurfaceError)) {
        await history.refusePage(id, "The chat failed to post the page. Nothing was sent.", at());
        throw error;
      }
      const reason = `${error.message} Nothing was sent.`;
      await history.refusePage(id, reason, at());
      if (resendOf !== undefined) await history.releaseRequest(resendKey(resendOf));
      logFor(ctx).warn({ err: error, page: id }, "could not post the page; nothing sent");
      await ctx.surface.replyPrivately(reason);
      return undefined;
    }
  }

  /** The requester alone may resend a page, to the numbers it left unknown, and only once. */
  async function resend(
    pageId: number,
    typed: string,
    ctx: CommandContext,
  ): Promise<CommandOutcome> {
    const source = await history.resendSource(pageId);
    if (source === undefined) throw new UsageError(RESEND_REPLIES.noSuchPage(pageId));
    const { page: first, options, unknownNumbers: numbers } = source;
    if (first.platform !== ctx.actor.platform || first.actorId !== ctx.actor.id) {
      return decline(base, ctx, typed, "refused", RESEND_REPLIES.notRequester(pageId));
    }
    if (numbers.length === 0) {
      return answer(ctx, RESEND_REPLIES.nothingUnknown(pageId));
    }
    const again: SendCommand = {
      kind: "send",
      recipients: numbers.map((number) => ({ kind: "number", number })),
      message: first.message,
      options,
      encoding: measureMessage(first.message),
      dryRun: false,
      confirmed: false,
    };
    return page(again, typed, ctx, pageId);
  }

  /** The core decides when a resend is offered; the surface only shows it. */
  async function offerResend(
    pageId: number,
    numbers: readonly string[],
    ctx: CommandContext,
  ): Promise<void> {
    if (numbers.length === 0 || ctx.surface.offerResend === undefined) return;
    try {
      await ctx.surface.offerResend(resendOffer(pageId, numbers));
    } catch (error) {
      logger.warn({ err: error, page: pageId }, "could not offer to resend the unknown numbers");
    }
  }

  async function send(
    id: number,
    command: SendCommand,
    resolved: ResolvedRecipients,
    announcement: PageAnnouncement,
    ctx: CommandContext,
  ): Promise<PageReport> {
    const log = logFor(ctx);
    log.info({ page: id, recipients: resolved.labels.length }, "page started");
    const started = clock.now();
    const request = toSendOptions(command);
    const sent: SendResult[] = await Promise.all(
      resolved.destinations.map((destination) =>
        deps.transport.send(
          { ...request, destination },
          { logger: childLogger(log, { pageId: id }) },
        ),
      ),
    );
    const report = buildPageReport(announcement, sent, resolved.people, clock.now() - started);
    try {
      await history.completePage(id, report.results, at());
    } catch (error) {
      // After a shutdown closed the database: the page stays recorded as interrupted.
      log.error({ err: error, page: id }, "could not record the results of a page");
    }
    log.info({ page: id, counts: report.counts, servers: report.servers }, "page done");
    deps.onPageDone?.(report, sent);
    return report;
  }

  /**
   * Runs a command within the bound on work in flight: admitted already by its adapter, or
   * here; beyond the bound it is refused at once, before anything is claimed or sent.
   */
  function bounded(
    ctx: CommandContext,
    typed: string,
    work: () => Promise<CommandOutcome>,
  ): Promise<CommandOutcome> {
    return guarded(ctx, async () => {
      const own = ctx.admission === undefined ? lifecycle.admit() : undefined;
      if (ctx.admission === undefined && own === undefined) {
        await ctx.surface.replyPrivately(lifecycle.turnAwayBusy(typed, ctx));
        return "failed";
      }
      try {
        return (await turnedAway(ctx)) ?? (await work());
      } finally {
        own?.release();
      }
    });
  }

  /**
   * Admits a command once, and only while running: a redelivery (which the first delivery
   * answers) or a late one does nothing, and resolves to its outcome; undefined admits it.
   */
  async function turnedAway(ctx: CommandContext): Promise<CommandOutcome | undefined> {
    if (await isRedelivery(ctx)) return "done";
    if (!lifecycle.closing) return undefined;
    await ctx.surface.replyPrivately(CONFIRM_REPLIES.shuttingDown);
    return "failed";
  }

  return {
    runSms: (text, ctx) => bounded(ctx, text, () => run(parseSmsText(text, now()), text, ctx)),
    runFields: (fields, ctx) => {
      const typed = `${fields.to} ${fields.message}`;
      return bounded(ctx, typed, () => run(buildSendCommand(fields, now()), typed, ctx));
    },
    help: (ctx) => ctx.surface.replyPrivately(HELP_TEXT),
    resend: (pageId, ctx) => {
      const typed = `resend ${pageId}`;
      return bounded(ctx, typed, () => run({ kind: "resend", pageId }, typed, ctx));
    },
    admit: () => lifecycle.admit(),
    turnAwayBusy: (typed, from) => lifecycle.turnAwayBusy(typed, from),
    shutdown: (graceMs) => lifecycle.shutdown(graceMs),
  };
}

const MISSING_STORE =
  "createPager needs a store, e.g. openSqliteStore(dataDir): without a durable one, a command delivered twice could page twice.";

function toSendOptions(command: SendCommand): Omit<SendRequest, "destination"> {
  const { flash, delayMinutes, sendAt, service, replyTo } = command.options;
  return {
    message: command.message,
    flash,
    ...(delayMinutes !== undefined && { delayMinutes }),
    ...(sendAt !== undefined && { sendAt }),
    ...(service !== undefined && { service }),
    ...(replyTo !== undefined && { replyTo }),
  };
}
