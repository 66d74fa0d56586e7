// Where a page's chat messages are, kept in the store so that any process can reach them: the
// thread once announced (before sending), the report once posted (for delivery receipts).
import { renderSummary } from "../report/text.js";
import type { PagerContext } from "./context.js";
import type { CommandContext, PageReport, PostedReport, Thread } from "./types.js";

/** Where the report is, for edits when delivery receipts come; a failure costs only those edits. */
export async function keepPosted(
  c: PagerContext,
  id: number,
  ctx: CommandContext,
  posted: PostedReport,
  report: PageReport,
): Promise<void> {
  try {
    const messages = { platform: ctx.actor.platform, ...posted, summary: renderSummary(report) };
    await c.store.saveChatMessages(id, messages, c.at());
    c.onReported?.(id);
  } catch (error) {
    c.logFor(ctx).warn({ err: error, page: id }, "could not record where the page's report is");
  }
}

/** Where the thread is, before sending: a survivor can say there that the page was cut off. */
export async function keepThread(
  c: PagerContext,
  id: number,
  ctx: CommandContext,
  thread: Thread,
): Promise<void> {
  if (thread.where === undefined) return;
  try {
    await c.store.saveThread(id, { platform: ctx.actor.platform, thread: thread.where }, c.at());
  } catch (error) {
    c.logFor(ctx).warn({ err: error, page: id }, "could not record where the page's thread is");
  }
}
