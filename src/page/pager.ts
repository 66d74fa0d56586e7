import { type AccessPolicy, OPEN_POLICY, refusalFor } from "../access/policy.js";
import { type RateLimit, RateLimiter } from "../access/rate-limit.js";
import { buildSendCommand, HELP_TEXT, parseSmsText, UsageError } from "../command/index.js";
import type { RecipientRef, SendCommand, SendFields, SmsCommand } from "../command/types.js";
import type { Directory } from "../contacts/directory.js";
import type { SendRequest, SendResult, SmsTransport } from "../csoft/types.js";
import { createSqliteStore, openDatabaseFile } from "../history/index.js";
import type { HistoryStore } from "../history/types.js";
import { type Logger, silentLogger } from "../log.js";
import { CONFIRM_REPLIES } from "../report/confirm.js";
import { renderPreview } from "../report/text.js";
import { answerHistory, answerStatus } from "./audit.js";
import { SurfaceError } from "./errors.js";
import { checkPageGates, type PageGatesOptions } from "./gates.js";
import { previewOf, type ResolvedRecipients, resolveRecipients } from "./recipients.js";
import { buildPageReport } from "./report.js";
import { realTimer, type SetTimer } from "./timer.js";
import type { CommandContext, PageAnnouncement, PagePreview, PageReport, Thread } from "./types.js";

/** More numbers than this, or any address book, is confirmed before sending. */
const DEFAULT_CONFIRM_ABOVE = 10;
const DEFAULT_CONFIRM_TIMEOUT_MS = 5 * 60_000;

export interface PagerDeps {
  transport: SmsTransport;
  /** The contacts directory as it is now (it may be reloaded between commands). */
  directory?: () => Directory | undefined;
  logger?: Logger;
  now?: () => Date;
  /** Told of every page once its results are in (metrics); must not throw. */
  onPageDone?: (report: PageReport, sent: readonly SendResult[]) => void;
  /** Where every page is recorded before sending; a private in-memory database by default. */
  history?: HistoryStore;
  /** Who may page, and how many numbers at once; everyone and any number by default. */
  policy?: AccessPolicy;
  /** Pages per person per window; unlimited by default. */
  rateLimit?: RateLimit;
  confirmAbove?: number;
  confirmTimeoutMs?: number;
  setTimer?: SetTimer;
}

/** The one entry every adapter calls. Never throws: every failure is told to the caller. */
export interface Pager {
  /** Runs the text that follows `/sms`. */
  runSms(text: string, ctx: CommandContext): Promise<void>;
  /** Runs a send given as typed fields (Discord options); validated exactly as the text grammar. */
  runFields(fields: SendFields, ctx: CommandContext): Promise<void>;
  help(ctx: CommandContext): Promise<void>;
  /**
   * Takes no more commands, waits up to `graceMs` for pages being sent, and records those
   * still unfinished as interrupted. Resolves to how many were.
   */
  shutdown(graceMs: number): Promise<number>;
}

export function createPager(deps: PagerDeps): Pager {
  const logger = deps.logger ?? silentLogger();
  const now = deps.now ?? (() => new Date());
  const history = deps.history ?? createSqliteStore(openDatabaseFile(":memory:"));
  const policy = deps.policy ?? OPEN_POLICY;
  const setTimer = deps.setTimer ?? realTimer;
  /** Aborted by shutdown: questions still open are withdrawn. */
  const stopping = new AbortController();
  const gates: PageGatesOptions = {
    policy,
    limiter: deps.rateLimit && new RateLimiter(deps.rateLimit, () => now().getTime()),
    confirmAbove: deps.confirmAbove ?? DEFAULT_CONFIRM_ABOVE,
    confirmTimeoutMs: deps.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
    setTimer,
    now,
    stopping: stopping.signal,
  };
  /** Pages recorded and being sent, by history id. */
  const sending = new Map<number, Promise<unknown>>();
  let closing = false;

  async function guarded(ctx: CommandContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof UsageError) {
        await ctx.surface.replyPrivately(error.message);
        return;
      }
      logger.error({ err: error, actor: ctx.actor.id }, "command failed");
      await ctx.surface.replyPrivately(
        "Something went wrong while handling this command; see the bot's log. Nothing more was sent.",
      );
    }
  }

  /** A key seen before is a redelivery of a command already handled: it is dropped quietly. */
  function isRedelivery(ctx: CommandContext): boolean {
    if (ctx.requestKey === undefined || history.claimRequest(ctx.requestKey, now())) return false;
    logger.info(
      { actor: ctx.actor.id, platform: ctx.actor.platform, requestKey: ctx.requestKey },
      "command delivered again; it was handled already and is not run again",
    );
    return true;
  }

  async function decline(
    ctx: CommandContext,
    typed: string,
    state: "refused" | "cancelled",
    reason: string,
    recipients: readonly string[] = [],
  ): Promise<void> {
    logger.warn(
      { actor: ctx.actor.id, platform: ctx.actor.platform, channel: ctx.channelId, state, reason },
      state === "refused" ? "command refused" : "page not sent",
    );
    history.recordDeclined(
      {
        ...origin(ctx),
        message: typed,
        recipients,
        state,
        reason,
      },
      now(),
    );
    await ctx.surface.replyPrivately(reason);
  }

  /** Runs a parsed command: help for anyone, the rest only for those allowed to page. */
  async function run(command: SmsCommand, typed: string, ctx: CommandContext): Promise<void> {
    if (command.kind === "help") return ctx.surface.replyPrivately(HELP_TEXT);
    const refusal = refusalFor(policy, ctx);
    if (refusal !== undefined) return decline(ctx, typed, "refused", refusal);
    switch (command.kind) {
      case "who":
        return preview(command.recipients, undefined, ctx);
      case "history":
        return ctx.surface.replyPrivately(answerHistory(history, command));
      case "status":
        return ctx.surface.replyPrivately(answerStatus(history, command));
      case "send":
        return page(command, typed, ctx);
    }
  }

  async function preview(
    recipients: readonly RecipientRef[],
    message: PagePreview["message"],
    ctx: CommandContext,
  ): Promise<void> {
    const resolved = resolveRecipients(recipients, deps.directory?.());
    await ctx.surface.replyPrivately(renderPreview(previewOf(resolved, message)));
  }

  async function page(command: SendCommand, typed: string, ctx: CommandContext): Promise<void> {
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
      },
      ctx,
    );
    if (verdict.kind === "declined") {
      return decline(ctx, typed, verdict.state, verdict.reason, labels);
    }
    if (closing) return decline(ctx, typed, "cancelled", CONFIRM_REPLIES.shuttingDown, labels);
    let thread: Thread;
    try {
      thread = await ctx.surface.announce(announcement);
    } catch (error) {
      if (!(error instanceof SurfaceError)) throw error;
      logger.warn({ err: error, actor: ctx.actor.id }, "could not post the page; nothing sent");
      return decline(ctx, typed, "refused", `${error.message} Nothing was sent.`, labels);
    }
    const id = history.recordPage(
      {
        ...origin(ctx),
        recipients: labels,
        numbers,
        addressBooks,
        message: command.message,
        options: command.options,
      },
      now(),
    );
    const work = send(id, command, resolved, announcement, ctx);
    sending.set(id, work);
    try {
      await work.then((report) => thread.report(report));
    } finally {
      sending.delete(id);
    }
  }

  async function send(
    id: number,
    command: SendCommand,
    resolved: ResolvedRecipients,
    announcement: PageAnnouncement,
    ctx: CommandContext,
  ): Promise<PageReport> {
    logger.info(
      {
        page: id,
        actor: ctx.actor.id,
        platform: ctx.actor.platform,
        recipients: resolved.labels.length,
      },
      "page started",
    );
    const started = performance.now();
    const request = toSendOptions(command);
    const sent: SendResult[] = await Promise.all(
      resolved.destinations.map((destination) =>
        deps.transport.send({ ...request, destination }, { logger: logger.child({ pageId: id }) }),
      ),
    );
    const report = buildPageReport(
      announcement,
      sent,
      resolved.people,
      performance.now() - started,
    );
    try {
      history.completePage(id, report.results, now());
    } catch (error) {
      // After a shutdown closed the database: the page stays recorded as interrupted.
      logger.error({ err: error, page: id }, "could not record the results of a page");
    }
    logger.info(
      { page: id, actor: ctx.actor.id, counts: report.counts, servers: report.servers },
      "page done",
    );
    deps.onPageDone?.(report, sent);
    return report;
  }

  async function shutdown(graceMs: number): Promise<number> {
    closing = true;
    stopping.abort();
    if (sending.size > 0) {
      let cancelTimer = () => {};
      const timeUp = new Promise<void>((resolve) => {
        cancelTimer = setTimer(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...sending.values()]), timeUp]);
      cancelTimer();
    }
    const unfinished = [...sending.keys()];
    const interrupted = unfinished.length > 0 ? history.markInterrupted(now(), unfinished) : 0;
    if (interrupted > 0) logger.warn({ pages: unfinished }, "pages interrupted by the shutdown");
    return interrupted;
  }

  /** Admits a command once, and only while running: a redelivery or a late one does nothing. */
  async function admitted(ctx: CommandContext): Promise<boolean> {
    if (isRedelivery(ctx)) return false;
    if (!closing) return true;
    await ctx.surface.replyPrivately(CONFIRM_REPLIES.shuttingDown);
    return false;
  }

  return {
    runSms: (text, ctx) =>
      guarded(ctx, async () => {
        if (!(await admitted(ctx))) return;
        await run(parseSmsText(text, now()), text, ctx);
      }),
    runFields: (fields, ctx) =>
      guarded(ctx, async () => {
        if (!(await admitted(ctx))) return;
        await run(buildSendCommand(fields, now()), `${fields.to} ${fields.message}`, ctx);
      }),
    help: (ctx) => ctx.surface.replyPrivately(HELP_TEXT),
    shutdown,
  };
}

/** Who asked and from where, as the history records it. */
function origin(ctx: CommandContext) {
  return {
    actor: ctx.actor,
    ...(ctx.channelId !== undefined && { channelId: ctx.channelId }),
    ...(ctx.requestKey !== undefined && { requestKey: ctx.requestKey }),
  };
}

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
