/** What a reply does: it answers the latest open page to its sender, and may acknowledge it. */
import type { AckResult, AckVia } from "../store/twoway-types.js";
import { readReply } from "../twoway/ack.js";
import type { StoredReply } from "../twoway/inbound-handler.js";
import type { PagerContext } from "./context.js";
import {
  acknowledgedBadge,
  acknowledgedText,
  cancelledSteps,
  postNote,
  postUnmatched,
  repliedText,
  showOnParent,
  unmatchedText,
} from "./thread-notes.js";
import type { CommandContext } from "./types.js";

/** A click's result, with the line the parent message shows from then on. */
export type ButtonAck = AckResult & { shown: string };

export type ReplyOutcome =
  /** No open page reached the sender within the window, or it named one that did not. */
  | { kind: "unmatched"; by: string }
  | { kind: "matched"; pageId: number; by: string; acknowledged?: AckResult };

/** The settings a reply is read with (SMS_ACK_WORDS, SMS_REPLY_WINDOW). */
export interface ReplySettings {
  ackWords: readonly string[];
  replyWindowMs: number;
}

/**
 * Matches a stored reply to the page it answers: the one it names (`ACK 42`) when that page
 * reached its sender and is open, else the most recent such page within the window. An
 * acknowledgement then acknowledges that page's first page, cancelling its pending steps.
 */
export async function receiveReply(
  c: PagerContext,
  settings: ReplySettings,
  reply: StoredReply,
): Promise<ReplyOutcome> {
  const by = c.directory?.()?.byPhone?.(reply.sender)?.name ?? reply.sender;
  const open = await c.store.openPagesTo(reply.sender, reply.receivedAt - settings.replyWindowMs);
  const intent = readReply(reply.message, settings.ackWords);
  const named = intent.kind === "ack" ? intent.pageId : undefined;
  const pageId = named ?? open[0];
  const log = c.logger;
  if (pageId === undefined || !open.includes(pageId)) {
    log.info({ reply: reply.id, named }, "reply matches no open page to its sender");
    await postUnmatched(c, unmatchedText(by, reply.sender, reply.message));
    return { kind: "unmatched", by };
  }
  await c.store.matchReply(reply.id, pageId);
  if (intent.kind !== "ack") {
    await postNote(c, pageId, repliedText(by, reply.message));
    return { kind: "matched", pageId, by };
  }
  const acknowledged = await c.store.acknowledge({
    pageId,
    via: "sms",
    by,
    replyId: reply.id,
    at: reply.receivedAt,
  });
  log.info(
    { reply: reply.id, page: pageId, result: acknowledged.kind },
    "page acknowledged by SMS",
  );
  await tell(c, acknowledged, { by, via: "sms", at: reply.receivedAt }, pageId);
  return { kind: "matched", pageId, by, acknowledged };
}

/** The Acknowledge button: the person who clicked acknowledges the page, once for everyone. */
export async function acknowledgeByButton(
  c: PagerContext,
  pageId: number,
  ctx: CommandContext,
): Promise<ButtonAck> {
  const { actor } = ctx;
  const by = c.directory?.()?.byId(actor.platform, actor.id)?.name ?? actor.name;
  const ack = { pageId, via: "button" as const, by, at: c.at() };
  const result = await c.store.acknowledge(ack);
  const first = await c.store.firstPageOf(pageId);
  await tell(c, result, ack, first);
  await ctx.surface.replyPrivately(
    result.kind === "acknowledged"
      ? `Page #${first} acknowledged.${cancelledSteps(result.cancelledSteps)}`
      : `Page #${first} was acknowledged already, by ${result.first.by} (${result.first.via}).`,
  );
  const winner = result.kind === "acknowledged" ? ack : result.first;
  return { ...result, shown: acknowledgedBadge(winner) };
}

/**
 * Counts an acknowledgement that won, with its seconds from the first page, and says in the
 * thread who acknowledged, how and when.
 */
async function tell(
  c: PagerContext,
  result: AckResult,
  ack: { by: string; via: AckVia; at: number },
  pageId: number,
): Promise<void> {
  const first = await c.store.page(await c.store.firstPageOf(pageId));
  if (first === undefined) return;
  const firstAt = first.createdAt.getTime();
  if (result.kind === "acknowledged") c.onAcknowledged?.(ack.via, (ack.at - firstAt) / 1000);
  await postNote(c, first.id, acknowledgedText(ack.by, ack.via, ack.at, firstAt, result));
  // A click shows it on the message it was on; an SMS has no message to show it but this one.
  if (result.kind === "acknowledged" && ack.via === "sms") {
    await showOnParent(c, { ...ack, pageId: first.id });
  }
}
