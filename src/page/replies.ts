/** What a reply does: it answers the latest open page to its sender, and may acknowledge it. */
import type { AckResult, AckVia } from "../store/twoway-types.js";
import { readReply } from "../twoway/ack.js";
import type { StoredReply } from "../twoway/inbound-handler.js";
import type { PagerContext } from "./context.js";
import type { CommandContext } from "./types.js";

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
    return { kind: "unmatched", by };
  }
  await c.store.matchReply(reply.id, pageId);
  if (intent.kind !== "ack") return { kind: "matched", pageId, by };
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
  await observe(c, acknowledged, "sms", reply.receivedAt, pageId);
  return { kind: "matched", pageId, by, acknowledged };
}

/** The Acknowledge button: the person who clicked acknowledges the page, once for everyone. */
export async function acknowledgeByButton(
  c: PagerContext,
  pageId: number,
  ctx: CommandContext,
): Promise<AckResult> {
  const result = await c.store.acknowledge({
    pageId,
    via: "button",
    by: ctx.actor.name,
    at: c.at(),
  });
  const first = await c.store.firstPageOf(pageId);
  await observe(c, result, "button", c.at(), first);
  await ctx.surface.replyPrivately(
    result.kind === "acknowledged"
      ? `Page #${first} acknowledged.${cancelled(result.cancelledSteps)}`
      : `Page #${first} was acknowledged already, by ${result.first.by} (${result.first.via}).`,
  );
  return result;
}

/** Counts an acknowledgement that won, with its seconds from the first page. */
async function observe(
  c: PagerContext,
  result: AckResult,
  via: AckVia,
  at: number,
  pageId: number,
): Promise<void> {
  if (result.kind !== "acknowledged" || c.onAcknowledged === undefined) return;
  const first = await c.store.page(await c.store.firstPageOf(pageId));
  if (first !== undefined) c.onAcknowledged(via, (at - first.createdAt.getTime()) / 1000);
}

const cancelled = (steps: number) =>
  steps === 0
    ? ""
    : ` ${steps === 1 ? "1 escalation step" : `${steps} escalation steps`} cancelled.`;
