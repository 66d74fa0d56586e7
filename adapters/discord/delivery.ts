// Delivery receipts in Discord: the page's first report message edited in place, and a note in
// its thread (as Thread.note posts it) that mentions the requester when numbers were not
// delivered. Over REST only, so any process holding the bot token can do it, gateway or not.
import { type APIEmbed, Colors, escapeMarkdown, Routes } from "discord.js";
import type {
  ChatMessages,
  DeliveryEditor,
  DeliveryView,
  NoteThread,
  NumberDelivery,
  NumberDeliveryState,
} from "../../src/kit.js";
import { ChatopsError, describeNumberDelivery } from "../../src/kit.js";
import { acknowledgedRow } from "./acknowledge.js";
import { noteEmbeds } from "./embeds.js";
import { DISCORD_LIMITS, truncate } from "./limits.js";
import { type DiscordRest, messageBody } from "./replies.js";

/** Where a Discord message is: what the report stores, and what an edit needs. */
export interface DiscordMessageRef {
  channelId: string;
  messageId: string;
}

const MARK: Record<NumberDeliveryState, string> = {
  "not-delivered": "🔴 **NOT DELIVERED**",
  "not-sent": "🔴 **FAILED**",
  unknown: "🟠 **UNKNOWN**",
  waiting: "⏳ waiting",
  delivered: "✅ delivered",
};

function readRef(value: unknown): DiscordMessageRef {
  const ref = value as Partial<DiscordMessageRef> | null;
  if (typeof ref?.channelId !== "string" || typeof ref.messageId !== "string") {
    throw new ChatopsError("SURFACE", "a stored Discord message reference is not one");
  }
  return { channelId: ref.channelId, messageId: ref.messageId };
}

function line(number: NumberDelivery): string {
  const id = number.messageId === null ? "no message id" : `id \`${number.messageId}\``;
  const state = escapeMarkdown(describeNumberDelivery(number).replace(/\s+/g, " "));
  return `${MARK[number.state]} \`${number.recipient}\` · ${state} · ${id}`;
}

function color(view: DeliveryView): number {
  if (view.numbers.some((n) => n.state !== "delivered" && n.state !== "waiting")) return Colors.Red;
  return view.counts.waiting > 0 ? Colors.Yellow : Colors.DarkGreen;
}

/** Room for the numbers once the summary is written, within one embed's description. */
function numberLines(view: DeliveryView, room: number): string {
  const lines: string[] = [];
  let used = 0;
  for (const [index, number] of view.numbers.entries()) {
    const text = line(number);
    const more = `…and ${view.numbers.length - index} more: \`/sms-status\` tells each.`;
    if (used + text.length + 1 + more.length + 1 > room) {
      lines.push(more);
      break;
    }
    lines.push(text);
    used += text.length + 1;
  }
  return lines.join("\n");
}

/** The report with delivery states: one embed, within the description and message limits. */
export function deliveryEmbed(view: DeliveryView): APIEmbed {
  const title = truncate(view.headline, DISCORD_LIMITS.title);
  const summary = `**Delivery:** ${view.summary}\n${escapeMarkdown(truncate(view.submitted, 1_000))}`;
  // The message's 6,000 characters are shared by the title and the description.
  const budget = Math.min(
    DISCORD_LIMITS.description,
    DISCORD_LIMITS.charactersPerMessage - title.length,
  );
  const description = truncate(
    `${summary}\n\n${numberLines(view, budget - summary.length - 2)}`,
    budget,
  );
  return { title, description, color: color(view) };
}

export function discordDeliveryEditor(rest: DiscordRest): DeliveryEditor {
  return {
    async showDeliveries(messages: ChatMessages, view: DeliveryView) {
      const { channelId, messageId } = readRef(messages.report);
      await rest.patch(Routes.channelMessage(channelId, messageId), {
        body: messageBody({ embeds: [deliveryEmbed(view)] }),
      });
    },
    // The thread as stored once announced (Thread.where), reopened to post in.
    threadAt,
    // Only the components change: Discord keeps the content and embeds an edit leaves out.
    async showAcknowledged(messages, _announcement, shown) {
      const { channelId, messageId } = readRef(messages.parent);
      await rest.patch(Routes.channelMessage(channelId, messageId), {
        body: { components: [acknowledgedRow(shown)] },
      });
    },
    // A channel by its id (SMS_INBOUND_CHANNEL): a note there, as in a thread.
    channel: noteIn,
  };
  function threadAt(where: unknown): NoteThread {
    return noteIn(readRef(where).channelId);
  }
  function noteIn(channelId: string): NoteThread {
    return {
      async note(text, mention) {
        const message = { embeds: noteEmbeds(text), ...(mention !== undefined && { mention }) };
        await rest.post(Routes.channelMessages(channelId), { body: messageBody(message) });
      },
    };
  }
}
