/** Sending an escalation step that fell due. */
import { measureMessage, parseRecipients } from "../command/index.js";
import type { SendCommand } from "../command/types.js";
import type { TimerRow } from "../store/twoway-types.js";
import type { PagerContext } from "./context.js";
import { resolveRecipients } from "./recipients.js";
import { sendRecorded } from "./send-page.js";
import type { Actor, CommandContext, PageAnnouncement, Surface } from "./types.js";

/** Where an escalation is announced when the chat gave no way to reach the first page's thread. */
function loggingSurface(c: PagerContext): Surface {
  const log = (text: string) => c.logger.info({ text }, "escalation message (no chat to post in)");
  return {
    replyPrivately: async (text) => log(text),
    announce: async () => ({ report: async () => {} }),
  };
}

/**
 * Sends a step that fell due: the first page's message and options to the step's recipients,
 * recorded (and linked to the first page) before anything is sent, with no question asked and
 * no rate limit: the policy was agreed beforehand. Resolves to the escalation page's id.
 */
export async function sendEscalation(
  c: PagerContext,
  step: TimerRow,
  lateByMs: number,
): Promise<number | undefined> {
  const source = await c.store.resendSource(step.pageId);
  if (source === undefined) return undefined;
  const { page: first, options } = source;
  const recipients = parseRecipients(step.recipients.join(","));
  const resolved = resolveRecipients(recipients, c.directory?.());
  const actor: Actor = {
    platform: first.platform as Actor["platform"],
    id: first.actorId,
    name: first.actorName,
  };
  const recorded = await c.store.recordPage(
    {
      actor,
      ...(first.channelId !== null && { channelId: first.channelId }),
      recipients: resolved.labels,
      numbers: resolved.numbers,
      addressBooks: resolved.addressBooks,
      message: first.message,
      options,
    },
    c.at(),
  );
  if (!recorded.recorded) return undefined;
  await c.store.linkEscalation(step.id, recorded.id);
  const command: SendCommand = {
    kind: "send",
    recipients,
    message: first.message,
    options,
    encoding: measureMessage(first.message),
    dryRun: false,
    confirmed: true,
  };
  const announcement: PageAnnouncement = {
    actor,
    recipients: resolved.labels,
    message: first.message,
    options,
    encoding: command.encoding,
    escalation: { of: first.id, step: step.step, lateByMs },
  };
  const surface = c.escalationSurface?.(first) ?? loggingSurface(c);
  const ctx: CommandContext = { actor, surface };
  await sendRecorded(c, recorded.id, command, resolved, announcement, ctx, undefined);
  return recorded.id;
}
