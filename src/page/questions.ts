/**
 * Stored confirmation questions: a large page is written to the store whole, its question
 * shown, and the command ends there. The click is answered by whichever process receives it
 * (answer.ts); the asking process tells the requester when the question expires unanswered.
 */
import { randomUUID } from "node:crypto";
import type { SendCommand } from "../command/types.js";
import { ChatopsError } from "../errors.js";
import { CONFIRM_REPLIES } from "../report/confirm.js";
import { decline, type PagerContext } from "./context.js";
import { confirmQuestion } from "./gates.js";
import type { CommandOutcome } from "./outcome.js";
import type { ResolvedRecipients } from "./recipients.js";
import type { Actor, CommandContext, CommandOrigin, PageAnnouncement } from "./types.js";

/** A page whose recipients are known: what it sends, to whom, and how it is announced. */
export interface PreparedPage {
  command: SendCommand;
  resolved: ResolvedRecipients;
  announcement: PageAnnouncement;
}

/** Everything a stored question holds: the page, who asked it and where, and as typed. */
export interface AskedPage extends PreparedPage {
  origin: { actor: Actor; channelId?: string; requestKey?: string };
  typed: string;
}

const PAYLOAD_VERSION = 1;

/** The question's row payload: JSON, with the Map and Dates of the page written out. */
export function encodeAskedPage(asked: AskedPage): string {
  const { resolved } = asked;
  return JSON.stringify({
    version: PAYLOAD_VERSION,
    ...asked,
    resolved: { ...resolved, people: [...resolved.people] },
  });
}

export function decodeAskedPage(payload: string): AskedPage {
  const raw = JSON.parse(payload);
  if (raw?.version !== PAYLOAD_VERSION) {
    throw new ChatopsError("STORE", `a stored question of an unknown version (${raw?.version})`);
  }
  const { sendAt } = raw.command.options;
  const command: SendCommand = {
    ...raw.command,
    options: { ...raw.command.options, ...(sendAt !== undefined && { sendAt: new Date(sendAt) }) },
  };
  return {
    origin: raw.origin,
    typed: raw.typed,
    command,
    resolved: { ...raw.resolved, people: new Map(raw.resolved.people) },
    announcement: { ...raw.announcement, options: command.options },
  };
}

/** Who asked and where, as the history records it. */
function originOf(ctx: CommandOrigin): AskedPage["origin"] {
  return {
    actor: ctx.actor,
    ...(ctx.channelId !== undefined && { channelId: ctx.channelId }),
    ...(ctx.requestKey !== undefined && { requestKey: ctx.requestKey }),
  };
}

/**
 * Stores the question with its whole page (before showing it: a click can only find what is
 * stored), shows it, and ends the command: the page waits in the store, not in this process.
 */
export async function askStored(
  c: PagerContext,
  page: PreparedPage,
  typed: string,
  ctx: CommandContext,
): Promise<CommandOutcome> {
  const ask = ctx.surface.ask?.bind(ctx.surface);
  if (ask === undefined) throw new ChatopsError("INTERNAL", "this surface cannot ask");
  const { numbers, addressBooks } = page.resolved;
  const question = confirmQuestion(
    c.gates,
    { announcement: page.announcement, numbers: numbers.length, addressBooks },
    ctx,
  );
  const id = randomUUID();
  const asked: AskedPage = { ...page, origin: originOf(ctx), typed };
  await c.store.openQuestion(
    {
      id,
      requester: { platform: ctx.actor.platform, id: ctx.actor.id },
      payload: encodeAskedPage(asked),
      expiresAt: question.expiresAt.getTime(),
    },
    c.at(),
  );
  c.logFor(ctx).info(
    { question: id, numbers: numbers.length },
    "large page waits for its requester",
  );
  c.lifecycle.later(c.gates.confirmTimeoutMs, () => expireQuestion(c, id, asked, ctx));
  await ask({ ...question, id });
  return "done";
}

/**
 * At its expiry: marks the question expired (a click now finds it gone) and, when it was
 * still unanswered, records the page as cancelled and tells its requester.
 */
async function expireQuestion(
  c: PagerContext,
  id: string,
  asked: AskedPage,
  ctx: CommandContext,
): Promise<void> {
  await c.store.expireQuestions(c.at());
  if ((await c.store.question(id))?.state !== "expired") return;
  const { labels } = asked.resolved;
  await decline(c, ctx, asked.typed, "cancelled", CONFIRM_REPLIES.expired, labels);
}
