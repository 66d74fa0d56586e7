/** A click on a stored question, in whichever process receives it: claimed once, then sent or not. */
import { refusalFor } from "../access/policy.js";
import { CONFIRM_REPLIES } from "../report/confirm.js";
import { decline, type PagerContext } from "./context.js";
import type { CommandOutcome } from "./outcome.js";
import { decodeAskedPage } from "./questions.js";
import { dispatchPage } from "./send-page.js";
import type { CommandContext, QuestionClick } from "./types.js";

/**
 * Claims the question for the clicker atomically in the store: only its requester's first
 * click before it expires wins, here or in any other process. A confirmed page then goes out
 * as any page does (recorded first, within the rate limit, exactly once), in the click's chat.
 */
export async function answerQuestion(
  c: PagerContext,
  click: QuestionClick,
  ctx: CommandContext,
): Promise<CommandOutcome> {
  const { questionId, answer } = click;
  const claimed = await c.store.answerQuestion(questionId, ctx.actor, answer, c.at());
  if (claimed.kind === "stale") {
    await click.replyToClicker(CONFIRM_REPLIES.stale);
    return "done";
  }
  if (claimed.kind === "notRequester") {
    const asked = await c.store.question(questionId);
    const requester = asked
      ? decodeAskedPage(asked.payload).origin.actor.name
      : claimed.requester.id;
    c.logFor(ctx).warn({ question: questionId }, "someone else tried to answer a confirmation");
    await click.replyToClicker(CONFIRM_REPLIES.notRequester(requester));
    return "failed";
  }
  const page = decodeAskedPage(claimed.question.payload);
  await click.closeQuestion(answer);
  // Recorded as the command that asked: its requester, channel and request key.
  const asker: CommandContext = { ...ctx, ...page.origin };
  const { labels } = page.resolved;
  if (answer === "cancelled") {
    return decline(c, asker, page.typed, "cancelled", CONFIRM_REPLIES.cancelled, labels);
  }
  const refusal = refusalFor(c.policy, ctx, "send");
  if (refusal !== undefined) return decline(c, asker, page.typed, "refused", refusal, labels);
  c.logFor(asker).info({ question: questionId }, "large page confirmed");
  return dispatchPage(c, page, page.typed, asker);
}
