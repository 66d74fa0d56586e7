/** What replies and acknowledgements say in the thread of the page they answer. */

import { measureMessage } from "../command/index.js";
import type { Acknowledgement, AckResult, AckVia } from "../store/twoway-types.js";
import type { PagerContext } from "./context.js";
import type { Actor, PageAnnouncement } from "./types.js";

/** Posts in the thread of a page's first page; false when no chat here can reach it. */
export type ThreadNote = (pageId: number, text: string) => Promise<boolean>;

/** Shows who acknowledged on a page's parent message; false when no chat here can. */
export type ShowAcknowledged = (
  pageId: number,
  announcement: PageAnnouncement,
  shown: string,
) => Promise<boolean>;

/** Posts in SMS_INBOUND_CHANNEL; false when no chat here can. */
export type ChannelNote = (text: string) => Promise<boolean>;

const HOW: Record<AckVia, string> = { sms: "by SMS", button: "with the Acknowledge button" };

/** "03:12 UTC" */
function clockTime(at: number): string {
  return `${new Date(at).toISOString().slice(11, 16)} UTC`;
}

/** "4 min", "45 s" */
function after(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 60)} min`;
}

/** " 2 escalation steps cancelled." */
export function cancelledSteps(steps: number): string {
  if (steps === 0) return "";
  return ` ${steps === 1 ? "1 escalation step" : `${steps} escalation steps`} cancelled.`;
}

/** "✅ alice acknowledged by SMS at 03:12 UTC, 4 min after the page. 1 escalation step cancelled." */
export function acknowledgedText(
  by: string,
  via: AckVia,
  at: number,
  firstAt: number,
  result: AckResult,
): string {
  if (result.kind === "already") {
    const { first } = result;
    return `${by} acknowledged too (${HOW[via]}); ${first.by} had already, ${HOW[first.via]} at ${clockTime(first.at)}.`;
  }
  const when = `at ${clockTime(at)}, ${after(at - firstAt)} after the page.`;
  return `✅ ${by} acknowledged ${HOW[via]} ${when}${cancelledSteps(result.cancelledSteps)}`;
}

/** What the parent message shows once acknowledged: "✅ Acknowledged by alice by SMS at 03:12 UTC". */
export function acknowledgedBadge(ack: Acknowledgement): string {
  return `✅ Acknowledged by ${ack.by} ${HOW[ack.via]} at ${clockTime(ack.at)}`;
}

/** "Reply from alice (447700900001) matches no open page: who is this?" */
export function unmatchedText(by: string, sender: string, message: string): string {
  const who = by === sender ? sender : `${by} (${sender})`;
  return `Reply from ${who} matches no open page: ${message}`;
}

/** "alice replied: on my way" */
export function repliedText(by: string, message: string): string {
  return `${by} replied: ${message}`;
}

/** Posts a note in a page's thread; a chat that fails is logged, never the reply's failure. */
export async function postNote(c: PagerContext, pageId: number, text: string): Promise<void> {
  if (c.threadNote === undefined) {
    c.logger.info({ page: pageId, text }, "no chat to post in; thread note logged");
    return;
  }
  try {
    if (!(await c.threadNote(pageId, text))) {
      c.logger.info({ page: pageId, text }, "no chat here reaches the page's thread; note logged");
    }
  } catch (error) {
    c.logger.warn({ err: error, page: pageId }, "could not post in the page's thread");
  }
}

/** Posts a reply that matched no page in SMS_INBOUND_CHANNEL, when it is set. */
export async function postUnmatched(c: PagerContext, text: string): Promise<void> {
  if (c.inboundNote === undefined) return;
  try {
    if (!(await c.inboundNote(text))) {
      c.logger.info("no chat here can post in SMS_INBOUND_CHANNEL; the reply is only logged");
    }
  } catch (error) {
    c.logger.warn({ err: error }, "could not post an unmatched reply in SMS_INBOUND_CHANNEL");
  }
}

/**
 * Shows an acknowledgement on the first page's parent message, rebuilt from the store, in place
 * of its button; a chat that cannot is logged, never the acknowledgement's failure.
 */
export async function showOnParent(c: PagerContext, ack: Acknowledgement): Promise<void> {
  if (c.showAcknowledged === undefined) return;
  try {
    const source = await c.store.resendSource(ack.pageId);
    if (source === undefined) return;
    const { page, options } = source;
    const actor = { platform: page.platform, id: page.actorId, name: page.actorName } as Actor;
    const announcement: PageAnnouncement = {
      actor,
      recipients: page.recipients,
      message: page.message,
      options,
      encoding: measureMessage(page.message),
    };
    await c.showAcknowledged(ack.pageId, announcement, acknowledgedBadge(ack));
  } catch (error) {
    c.logger.warn(
      { err: error, page: ack.pageId },
      "could not show the acknowledgement on the page",
    );
  }
}
