// Delivery receipts in Slack: the page's report message updated in place (chat.update), and a
// note in its thread (as Thread.note posts it) that mentions the requester when numbers were not
// delivered.
import type { types, webApi } from "@slack/bolt";
import type {
  ChatMessages,
  DeliveryEditor,
  DeliveryView,
  NoteThread,
  NumberDelivery,
  NumberDeliveryState,
} from "../../src/kit.js";
import { ChatopsError, describeNumberDelivery } from "../../src/kit.js";
import { acknowledgedContext } from "./acknowledge.js";
import { announcementMessage, type SlackMessage } from "./announcement.js";
import { packLines, SLACK_LIMITS } from "./limits.js";
import { escapeMrkdwn, truncate } from "./mrkdwn.js";
import { noteMessage } from "./report-messages.js";

/** As many numbers as a report message shows when it is first posted. */
const NUMBERS_SHOWN = 100;
const LINES_PER_SECTION = 20;

/** Where a Slack message is: what the report stores, and what chat.update needs. */
export interface SlackMessageRef {
  channel: string;
  ts: string;
}

const MARK: Record<NumberDeliveryState, string> = {
  "not-delivered": ":x: *NOT DELIVERED*",
  "not-sent": ":x: *FAILED*",
  unknown: ":grey_question: *UNKNOWN*",
  waiting: ":hourglass_flowing_sand: waiting",
  delivered: ":white_check_mark: delivered",
};

function readRef(value: unknown): SlackMessageRef {
  const ref = value as Partial<SlackMessageRef> | null;
  if (typeof ref?.channel !== "string" || typeof ref.ts !== "string") {
    throw new ChatopsError("SLACK_API", "a stored Slack message reference is not one");
  }
  return { channel: ref.channel, ts: ref.ts };
}

function line(number: NumberDelivery): string {
  const id =
    number.messageId === null ? "no message id" : `id \`${escapeMrkdwn(number.messageId)}\``;
  const state = escapeMrkdwn(describeNumberDelivery(number).replace(/\s+/g, " "));
  return `${MARK[number.state]} \`${escapeMrkdwn(number.recipient)}\` · ${state} · ${id}`;
}

function icon(view: DeliveryView): string {
  if (view.numbers.some((n) => n.state !== "delivered" && n.state !== "waiting")) {
    return ":rotating_light:";
  }
  return view.counts.waiting > 0 ? ":hourglass_flowing_sand:" : ":white_check_mark:";
}

/** The report message with delivery states, within Slack's block limits however many numbers. */
export function deliveryMessage(view: DeliveryView): SlackMessage {
  const summary = `*Delivery:* ${escapeMrkdwn(view.summary)}\n${escapeMrkdwn(view.submitted)}`;
  const shown = view.numbers.slice(0, NUMBERS_SHOWN);
  const texts = packLines(shown.map(line), SLACK_LIMITS.sectionText, LINES_PER_SECTION);
  // Header, summary and a closing context line leave the rest of the blocks to the numbers.
  const room = SLACK_LIMITS.blocksPerMessage - 3;
  const sections = texts
    .slice(0, room)
    .map((text): types.SectionBlock => ({ type: "section", text: { type: "mrkdwn", text } }));
  const listed = texts.slice(0, room).reduce((sum, text) => sum + text.split("\n").length, 0);
  const rest = view.numbers.length - listed;
  const blocks: types.KnownBlock[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: truncate(`${icon(view)} ${view.headline}`, SLACK_LIMITS.headerText),
        emoji: true,
      },
    },
    {
      type: "section",
      text: { type: "mrkdwn", text: truncate(summary, SLACK_LIMITS.sectionText) },
    },
    ...sections,
  ];
  if (rest > 0) {
    blocks.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: `…and ${rest} more: \`/sms status <number>\` tells each.` },
      ],
    });
  }
  return { text: `${view.headline}: ${view.summary}`, blocks };
}

export function slackDeliveryEditor(client: webApi.WebClient): DeliveryEditor {
  return {
    async showDeliveries(messages: ChatMessages, view: DeliveryView) {
      const { channel, ts } = readRef(messages.report);
      const message = deliveryMessage(view);
      await client.chat.update({ channel, ts, text: message.text, blocks: message.blocks });
    },
    // The thread as stored once announced (Thread.where), reopened to post in.
    threadAt,
    // The parent rewritten whole (Slack keeps no part of blocks): who acknowledged, no button.
    async showAcknowledged(messages, announcement, shown) {
      const { channel, ts } = readRef(messages.parent);
      const parent = announcementMessage(announcement, new Map());
      const blocks = [...parent.blocks, acknowledgedContext(shown)];
      await client.chat.update({ channel, ts, text: parent.text, blocks });
    },
    // A channel by its id (SMS_INBOUND_CHANNEL): a note there, as in a thread.
    channel: (channel: string) => noteIn(channel),
  };
  function threadAt(where: unknown): NoteThread {
    const parent = readRef(where);
    return noteIn(parent.channel, parent.ts);
  }
  function noteIn(channel: string, threadTs?: string): NoteThread {
    return {
      async note(text, mention) {
        const message = noteMessage(text, mention);
        await client.chat.postMessage({
          channel,
          ...(threadTs !== undefined && { thread_ts: threadTs }),
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
        });
      },
    };
  }
}
