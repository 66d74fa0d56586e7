// The visible parent message of a page, in Block Kit.
import type { types } from "@slack/bolt";
import type { PageAnnouncement } from "../../src/kit.js";
import { describeEncoding, describeOptions, listRecipients } from "../../src/kit.js";
import { acknowledgeBlock } from "./acknowledge.js";
import { fitLine, SLACK_LIMITS } from "./limits.js";
import { escapeMrkdwn, mentionUser, truncate } from "./mrkdwn.js";
import { type People, recipientMrkdwn } from "./people.js";

export interface SlackMessage {
  /** Notification and screen-reader fallback; Slack shows the blocks. */
  text: string;
  blocks: types.KnownBlock[];
}

export function announcementMessage(announcement: PageAnnouncement, people: People): SlackMessage {
  const { actor, recipients, message, options, encoding } = announcement;
  const who = `${mentionUser(actor.id)} paged ${recipientsMrkdwn(recipients, people)}`;
  const details = [describeOptions(options), describeEncoding(encoding), "results in the thread"]
    .filter(Boolean)
    .join(" · ");
  return {
    text: fitLine(`${who}: ${escapeMrkdwn(message)}`, SLACK_LIMITS.sectionText),
    blocks: [
      {
        type: "section",
        text: { type: "mrkdwn", text: fitLine(`:mega: ${who}`, SLACK_LIMITS.sectionText) },
      },
      {
        // plain_text: the SMS exactly as sent, with no Slack formatting applied to it.
        type: "section",
        text: {
          type: "plain_text",
          text: truncate(message, SLACK_LIMITS.sectionText),
          emoji: false,
        },
      },
      { type: "context", elements: [{ type: "plain_text", text: details, emoji: false }] },
      ...(announcement.acknowledge ? [acknowledgeBlock(announcement.acknowledge.pageId)] : []),
    ],
  };
}

/** The parent names the first recipients; the thread lists every one. */
function recipientsMrkdwn(recipients: readonly string[], people: People): string {
  const count = recipients.length === 1 ? "" : `*${recipients.length} recipients*: `;
  return `${count}${listRecipients(recipients, (recipient) => recipientMrkdwn(recipient, people))}`;
}
