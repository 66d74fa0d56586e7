// The Surface of one /sms in one Slack channel: private answers through the command's
// response_url, the page as a channel message, and its results in that message's thread.

import type { RespondFn, webApi } from "@slack/bolt";
import type {
  AskedHere,
  Logger,
  PageReport,
  ResendOffer,
  StoredQuestion,
  Surface,
  Thread,
} from "../../src/kit.js";
import { ChatopsError, renderResultLine, renderSummary, SurfaceError } from "../../src/kit.js";
import { announcementMessage, type SlackMessage } from "./announcement.js";
import { questionMessage } from "./confirm.js";
import type { SlackMessageRef } from "./delivery.js";
import { slackErrorCode } from "./directory.js";
import { escapeKeepingMentions, escapeMrkdwn } from "./mrkdwn.js";
import type { People } from "./people.js";
import { noteMessage, reportMessages } from "./report-messages.js";
import { resendMessage } from "./resend.js";

const SLACK_HELP =
  "In Slack, recipients can also be people and user groups: `/sms @alice,@oncall db1 is down` pages the phone number in each person's Slack profile.";

/** Failed numbers repeated in the private fallback when the thread cannot be written. */
const FALLBACK_FAILURES = 20;

export interface SlackSurfaceOptions {
  client: webApi.WebClient;
  channelId: string;
  respond: RespondFn;
  people: People;
  logger: Logger;
  /**
   * Asks with Confirm / Cancel buttons (the app must listen for them, see confirm.ts), and
   * remembers that it asked here; without it a large page needs --yes.
   */
  asked?: AskedHere;
  /** Offers a resend of unknown numbers with a button; the app must listen for it (see resend.ts). */
  offersResend?: boolean;
}

export function createSlackSurface(options: SlackSurfaceOptions): Surface {
  const { client, channelId, respond, people, logger } = options;

  const replyPrivately = async (text: string) => {
    await respond({ response_type: "ephemeral", text: escapeKeepingMentions(text) });
  };

  const post = async (message: SlackMessage, threadTs?: string) => {
    const answer = await client.chat.postMessage({
      channel: channelId,
      text: message.text,
      blocks: message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      ...(threadTs !== undefined && { thread_ts: threadTs }),
    });
    if (answer.ts === undefined) {
      throw new ChatopsError("SLACK_API", "chat.postMessage answered without a ts");
    }
    return answer.ts;
  };

  const thread = (parentTs: string): Thread => ({
    // Stored before the page is sent: any process can post in this thread (delivery.ts).
    where: { channel: channelId, ts: parentTs } satisfies SlackMessageRef,
    async note(text: string, mention?: string) {
      await post(noteMessage(text, mention), parentTs);
    },
    async report(report: PageReport) {
      try {
        let first: string | undefined;
        for (const message of reportMessages(report, people)) {
          const ts = await post(message, parentTs);
          first ??= ts;
        }
        // Kept in the store, so that delivery receipts can update the report in place.
        const ref = (ts: string): SlackMessageRef => ({ channel: channelId, ts });
        return first === undefined ? undefined : { parent: ref(parentTs), report: ref(first) };
      } catch (error) {
        // The SMS went out: the caller must still learn how it went, even if only privately.
        logger.warn({ err: error, channel: channelId }, "could not post the results in the thread");
        await respond({
          response_type: "ephemeral",
          text: privateReport(report, slackErrorCode(error)),
        });
        return undefined;
      }
    },
  });

  const { asked } = options;
  const surface: Surface = {
    replyPrivately,
    async showHelp(coreHelp) {
      const text = `\`\`\`${escapeMrkdwn(coreHelp)}\`\`\`\n${SLACK_HELP}`;
      await respond({ response_type: "ephemeral", text });
    },
    ...(asked && {
      async ask(question: StoredQuestion) {
        asked.remember(question, surface);
        await respond(questionMessage(question));
      },
    }),
    ...(options.offersResend && {
      offerResend: async (offer: ResendOffer) => {
        await respond(resendMessage(offer));
      },
    }),
    async announce(announcement) {
      try {
        return thread(await post(announcementMessage(announcement, people)));
      } catch (error) {
        throw new SurfaceError(refusal(slackErrorCode(error)), { cause: error });
      }
    },
  };
  return surface;
}

/** Why the page could not be posted, and what to do about it (plain text: the core shows it). */
function refusal(code: string): string {
  const invite = "invite me (type /invite @ and pick this app)";
  switch (code) {
    case "not_in_channel":
      return `I am not a member of this channel, so I cannot post the page here: ${invite}, then run the command again.`;
    case "channel_not_found":
      return `I cannot see this conversation (a private channel or a direct message I am not in): ${invite}, or run /sms in a channel I am a member of.`;
    case "is_archived":
      return "This channel is archived: run /sms in an active channel.";
    default:
      return `Slack refused to post the page here (\`${code}\`).`;
  }
}

function privateReport(report: PageReport, code: string): string {
  const failures = report.results
    .filter((result) => result.outcome === "failed" || result.outcome === "unknown")
    .slice(0, FALLBACK_FAILURES)
    .map(renderResultLine);
  const lines = [
    `The SMS was sent, but Slack refused the results in the thread (\`${code}\`).`,
    renderSummary(report),
    ...failures,
  ];
  return escapeMrkdwn(lines.join("\n"));
}
