/** Sending one page (gates → record → announce → send → complete → report → offer a resend), and resending one. */
import { type RateLimit, rateRefusal } from "../access/rate-limit.js";
import { measureMessage, UsageError } from "../command/index.js";
import type { SendCommand } from "../command/types.js";
import type { SendRequest, SendResult } from "../csoft/types.js";
import { childLogger } from "../log.js";
import { CONFIRM_REPLIES } from "../report/confirm.js";
import { answer, decline, origin, type PagerContext } from "./context.js";
import { SurfaceError } from "./errors.js";
import { escalateOnFailure, scheduleEscalation } from "./escalation-steps.js";
import { checkPageGates } from "./gates.js";
import { keepPosted, keepThread } from "./kept.js";
import { type CommandOutcome, pageOutcome } from "./outcome.js";
import { askStored, type PreparedPage } from "./questions.js";
import { type ResolvedRecipients, resolveRecipients } from "./recipients.js";
import { buildPageReport } from "./report.js";
import { RESEND_REPLIES, resendKey, resendOffer, unknownNumbers } from "./resend.js";
import { smsText, withTwoWayNumber } from "./sms-text.js";
import type { CommandContext, PageAnnouncement, PageReport, Thread } from "./types.js";

/**
 * Sends a page that is not a dry run. `resendOf`: this page resends that one to its unknown
 * numbers, which only happens once.
 */
export async function sendPage(
  c: PagerContext,
  typedCommand: SendCommand,
  typed: string,
  ctx: CommandContext,
  resendOf?: number,
): Promise<CommandOutcome> {
  const command = withTwoWayNumber(typedCommand, c.replyTo);
  c.transport.warm?.(); // connect while recipients are resolved and the page confirmed
  const resolved = resolveRecipients(command.recipients, c.directory?.());
  const { labels, numbers, addressBooks } = resolved;
  const announcement: PageAnnouncement = {
    actor: ctx.actor,
    recipients: labels,
    message: command.message,
    options: command.options,
    encoding: command.encoding,
  };
  const verdict = await checkPageGates(
    c.gates,
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
    return decline(c, ctx, typed, verdict.state, verdict.reason, labels);
  }
  const page = { command, resolved, announcement };
  if (verdict.kind === "ask") return askStored(c, page, typed, ctx);
  return dispatchPage(c, page, typed, ctx, resendOf);
}

/**
 * Sends a page past its gates (or confirmed by a click): records it, which takes its rate-limit
 * slot, then announces, sends and reports it.
 */
export async function dispatchPage(
  c: PagerContext,
  page: PreparedPage,
  typed: string,
  ctx: CommandContext,
  resendOf?: number,
): Promise<CommandOutcome> {
  const { command, resolved, announcement } = page;
  const { labels } = resolved;
  if (c.lifecycle.closing) {
    return decline(c, ctx, typed, "cancelled", CONFIRM_REPLIES.shuttingDown, labels);
  }
  // Claimed in the database: a second click, here or in another process, sends nothing.
  if (resendOf !== undefined && !(await c.store.claimRequest(resendKey(resendOf), c.at()))) {
    return answer(ctx, RESEND_REPLIES.alreadyResent(resendOf));
  }
  const recorded = await recordPage(c, command, resolved, ctx, resendOf);
  if (!recorded.recorded) {
    if (resendOf !== undefined) await c.store.releaseRequest(resendKey(resendOf));
    const reason = rateRefusal(c.rateLimit as RateLimit, recorded.retryInMs);
    return decline(c, ctx, typed, "refused", reason, labels);
  }
  const steps = await scheduleEscalation(c, command, recorded.id);
  // Something waits on an acknowledgement (a step), or one may come by SMS: offer the button.
  const acknowledgeable = steps > 0 || c.replyTo !== undefined;
  const shown = acknowledgeable
    ? { ...announcement, acknowledge: { pageId: recorded.id } }
    : announcement;
  return sendRecorded(c, recorded.id, command, resolved, shown, ctx, resendOf);
}

/** Recording the page takes its rate-limit slot, atomically with the count. */
function recordPage(
  c: PagerContext,
  command: SendCommand,
  { labels, numbers, addressBooks }: ResolvedRecipients,
  ctx: CommandContext,
  resendOf: number | undefined,
) {
  return c.store.recordPage(
    {
      ...origin(ctx),
      ...(resendOf !== undefined && { requestKey: resendKey(resendOf), resendOf }),
      recipients: labels,
      numbers,
      addressBooks,
      message: command.message,
      options: command.options,
    },
    c.at(),
    c.rateLimit,
  );
}

/** Announces a recorded page, sends it, reports it in its thread and offers a resend. */
export async function sendRecorded(
  c: PagerContext,
  id: number,
  command: SendCommand,
  resolved: ResolvedRecipients,
  announcement: PageAnnouncement,
  ctx: CommandContext,
  resendOf: number | undefined,
): Promise<CommandOutcome> {
  const thread = await announceOrRefuse(c, id, announcement, ctx, resendOf);
  if (thread === undefined) return "failed";
  await keepThread(c, id, ctx, thread);
  const work = send(c, id, command, resolved, announcement, ctx);
  c.lifecycle.sending(id, work);
  try {
    const sent = await work;
    const report = (await c.creditWatch?.noticeOutOfCredit(sent)) ?? sent;
    await escalateOnFailure(c, id, report);
    const posted = await thread.report(report);
    if (posted) await keepPosted(c, id, ctx, posted, report);
    await offerResend(c, id, unknownNumbers(report, resolved.numbers), ctx);
    await warnIfCreditLow(c, id, thread);
    return pageOutcome(report.counts);
  } finally {
    c.lifecycle.finished(id);
  }
}

/**
 * Posts the page; when the chat refuses, nothing is sent: the page is recorded as refused,
 * which gives its rate-limit slot back, and a resend claim is given back too.
 */
async function announceOrRefuse(
  c: PagerContext,
  id: number,
  announcement: PageAnnouncement,
  ctx: CommandContext,
  resendOf: number | undefined,
): Promise<Thread | undefined> {
  try {
    return await ctx.surface.announce(announcement);
  } catch (error) {
    if (!(error instanceof SurfaceError)) {
      await c.store.refusePage(id, "The chat failed to post the page. Nothing was sent.", c.at());
      await c.store.cancelTimers(id, c.at());
      throw error;
    }
    const reason = `${error.message} Nothing was sent.`;
    await c.store.refusePage(id, reason, c.at());
    await c.store.cancelTimers(id, c.at());
    if (resendOf !== undefined) await c.store.releaseRequest(resendKey(resendOf));
    c.logFor(ctx).warn({ err: error, page: id }, "could not post the page; nothing sent");
    await ctx.surface.replyPrivately(reason);
    return undefined;
  }
}

async function send(
  c: PagerContext,
  id: number,
  command: SendCommand,
  resolved: ResolvedRecipients,
  announcement: PageAnnouncement,
  ctx: CommandContext,
): Promise<PageReport> {
  const log = c.logFor(ctx);
  log.info({ page: id, recipients: resolved.labels.length }, "page started");
  const started = c.clock.now();
  const { text } = smsText(command.message, command.options, c.replyTo, id);
  const request = toSendOptions(command, text);
  const sent: SendResult[] = await Promise.all(
    resolved.destinations.map((destination) =>
      c.transport.send({ ...request, destination }, { logger: childLogger(log, { pageId: id }) }),
    ),
  );
  const report = buildPageReport(announcement, sent, resolved.people, c.clock.now() - started);
  try {
    await c.store.completePage(id, report.results, c.at());
  } catch (error) {
    // After a shutdown closed the database: the page stays recorded as interrupted.
    log.error({ err: error, page: id }, "could not record the results of a page");
  }
  log.info({ page: id, counts: report.counts, servers: report.servers }, "page done");
  c.onPageDone?.(report, sent);
  return report;
}

/** After a page, at most once a minute: a balance below CSOFT_LOW_CREDIT is said in its thread. */
async function warnIfCreditLow(c: PagerContext, pageId: number, thread: Thread): Promise<void> {
  const warning = await c.creditWatch?.afterPage();
  if (warning === undefined || thread.note === undefined) return;
  try {
    await thread.note(warning);
  } catch (error) {
    c.logger.warn({ err: error, page: pageId }, "could not post the low-credit warning");
  }
}

/** The core decides when a resend is offered; the surface only shows it. */
async function offerResend(
  c: PagerContext,
  pageId: number,
  numbers: readonly string[],
  ctx: CommandContext,
): Promise<void> {
  if (numbers.length === 0 || ctx.surface.offerResend === undefined) return;
  try {
    await ctx.surface.offerResend(resendOffer(pageId, numbers));
  } catch (error) {
    c.logger.warn({ err: error, page: pageId }, "could not offer to resend the unknown numbers");
  }
}

/** The requester alone may resend a page, to the numbers it left unknown, and only once. */
export async function resendPage(
  c: PagerContext,
  pageId: number,
  typed: string,
  ctx: CommandContext,
): Promise<CommandOutcome> {
  const source = await c.store.resendSource(pageId);
  if (source === undefined) throw new UsageError(RESEND_REPLIES.noSuchPage(pageId));
  const { page: first, options, unknownNumbers: numbers } = source;
  if (first.platform !== ctx.actor.platform || first.actorId !== ctx.actor.id) {
    return decline(c, ctx, typed, "refused", RESEND_REPLIES.notRequester(pageId));
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
  return sendPage(c, again, typed, ctx, pageId);
}

/** The request of a page: `text` is its message as sent, the reply hint included. */
function toSendOptions(command: SendCommand, text: string): Omit<SendRequest, "destination"> {
  const { flash, delayMinutes, sendAt, service, replyTo } = command.options;
  return {
    message: text,
    flash,
    ...(delayMinutes !== undefined && { delayMinutes }),
    ...(sendAt !== undefined && { sendAt }),
    ...(service !== undefined && { service }),
    ...(replyTo !== undefined && { replyTo }),
  };
}
