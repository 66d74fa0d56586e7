import { type APIEmbed, ThreadAutoArchiveDuration } from "discord.js";
import type {
  AskedHere,
  Logger,
  PageAnnouncement,
  PageReport,
  Surface,
  Thread,
} from "../../src/kit.js";
import { SurfaceError } from "../../src/kit.js";
import { type ButtonRow, questionButtons } from "./confirm.js";
import type { DiscordMessageRef } from "./delivery.js";
import { noteEmbeds, parentMessage, reportMessages } from "./embeds.js";
import { discordHelpText } from "./help.js";
import { DISCORD_LIMITS, splitText, truncate } from "./limits.js";
import { safeError } from "./log-safe.js";
import type { InteractionReplies, PostedMessage } from "./replies.js";
import { resendButton } from "./resend.js";

/** A reply only its caller sees. Nobody is pinged by any message the bot posts (replies.ts). */
const privately = (content: string) => ({ content, ephemeral: true });

/** The Surface of one `/sms` interaction (or resend click), plus the deferral Discord needs within 3 s. */
export interface DiscordSurface extends Surface {
  /** Acknowledges the command publicly ("thinking…"); the page later replaces it. */
  defer(): Promise<void>;
  /** Acknowledges it privately, for an answer that may take longer than Discord's 3 s. */
  deferPrivately(): Promise<void>;
}

/**
 * Where a page's results go: the thread started on the parent, or, where Discord has no
 * thread for it (a DM, a forum, no permission), follow-up replies carrying the same content.
 */
interface ResultTarget {
  /** How the parent message points at the results. */
  where: string;
  /** The thread's channel; none for follow-ups, which go in the parent's channel. */
  channelId?: string;
  /** Posts one message of results, or a note that may mention someone. */
  post(embeds: APIEmbed[], mention?: string): Promise<PostedMessage>;
}

/**
 * The interaction's answer goes through four states: nothing yet, deferred (a public
 * "thinking…"), the page posted, or a private answer. A usage error after a public deferral
 * withdraws the placeholder and answers ephemerally, so the channel keeps no trace of it.
 */
type AnswerState = "none" | "deferred" | "deferredPrivately" | "page" | "private";

export function createDiscordSurface(
  interaction: InteractionReplies,
  logger: Logger,
  asked: AskedHere,
): DiscordSurface {
  let state: AnswerState = "none";
  const followUps = followUpsOf(interaction);

  async function defer(): Promise<void> {
    if (state !== "none") return;
    await interaction.defer(false);
    state = "deferred";
  }

  async function deferPrivately(): Promise<void> {
    if (state !== "none") return;
    await interaction.defer(true);
    state = "deferredPrivately";
  }

  async function replyPrivately(text: string): Promise<void> {
    const pieces = splitText(text, DISCORD_LIMITS.content);
    let rest = pieces;
    if (state === "none") {
      await interaction.reply(privately(pieces[0] ?? ""));
      rest = pieces.slice(1);
    } else if (state === "deferredPrivately") {
      await interaction.editReply({ content: pieces[0] ?? "" });
      rest = pieces.slice(1);
    } else if (state === "deferred") {
      await withdrawPlaceholder(interaction, logger);
    }
    if (state !== "page") state = "private";
    for (const piece of rest) await interaction.followUp(privately(piece));
  }

  async function announce(announcement: PageAnnouncement): Promise<Thread> {
    await defer();
    if (state !== "deferred") {
      throw new SurfaceError("This command was already answered; run /sms again.");
    }
    const parent = await postParent(interaction, announcement, logger);
    state = "page";
    const target = await openThread(interaction, parent, announcement, followUps, logger);
    const posting = { interaction, logger, followUps };
    const parentRef: DiscordMessageRef = { channelId: parent.channelId, messageId: parent.id };
    // Where the results go, stored before the page is sent: any process can post there (delivery.ts).
    const where: DiscordMessageRef = {
      channelId: target.channelId ?? parent.channelId,
      messageId: parent.id,
    };
    return {
      where,
      report: async (report) => {
        const first = await postReport(posting, announcement, report, target);
        // Kept in the store, so that delivery receipts can edit the report in place.
        return { parent: parentRef, report: first };
      },
      note: async (text, mention) => {
        await target.post(noteEmbeds(text), mention);
      },
    };
  }

  const surface: DiscordSurface = {
    defer,
    deferPrivately,
    replyPrivately,
    announce,
    // A private follow-up with Confirm / Cancel buttons; the click comes back through attach.ts.
    ask: async (question) => {
      asked.remember(question, surface);
      await interaction.followUp(withButtons(question.text, questionButtons(question.id)));
    },
    // Help for Discord's typed options, in place of the core's text grammar.
    showHelp: () => replyPrivately(discordHelpText()),
    offerResend: async (offer) => {
      await interaction.followUp(withButtons(offer.text, resendButton(offer)));
    },
  };
  return surface;
}

/** A private message with one row of buttons. */
function withButtons(content: string, row: ButtonRow) {
  return { content, components: [row], ephemeral: true };
}

/** The page's parent message, in place of the public "thinking…". */
async function postParent(
  interaction: InteractionReplies,
  announcement: PageAnnouncement,
  logger: Logger,
): Promise<PostedMessage> {
  try {
    return await interaction.editReply(parentMessage(announcement));
  } catch (error) {
    logger.warn({ err: safeError(error) }, "could not post the page's parent message");
    throw new SurfaceError(
      `Discord did not let me post the page here (${safeError(error).message}).`,
      { cause: error },
    );
  }
}

/** Results as follow-up replies to the interaction: where a thread cannot take them. */
function followUpsOf(interaction: InteractionReplies): ResultTarget {
  return {
    where: "the replies below",
    post: (embeds, mention) =>
      interaction.followUp({ embeds, ...(mention !== undefined && { mention }) }),
  };
}

/** Takes back the public "thinking…" placeholder, so a private answer leaves no trace. */
async function withdrawPlaceholder(interaction: InteractionReplies, logger: Logger): Promise<void> {
  try {
    await interaction.deleteReply();
  } catch (error) {
    logger.warn({ err: safeError(error) }, "could not withdraw the deferred reply");
  }
}

/** A thread on the parent for the results, or the follow-ups where Discord has none for it. */
async function openThread(
  interaction: InteractionReplies,
  parent: PostedMessage,
  announcement: PageAnnouncement,
  followUps: ResultTarget,
  logger: Logger,
): Promise<ResultTarget> {
  try {
    const thread = await interaction.startThread(parent, {
      name: threadName(announcement),
      autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
      reason: "SMS page results",
    });
    return {
      where: `<#${thread.id}>`,
      channelId: thread.id,
      post: (embeds, mention) => thread.send({ embeds, ...(mention !== undefined && { mention }) }),
    };
  } catch (error) {
    logger.info({ err: safeError(error) }, "no thread for this page; results go in replies");
    return followUps;
  }
}

/** The interaction a page's results answer, and where they go when its thread refuses them. */
interface Posting {
  interaction: InteractionReplies;
  logger: Logger;
  followUps: ResultTarget;
}

/**
 * Posts the results (moving to follow-ups if the thread refuses them), then the parent's summary.
 * Returns where the first results message is.
 */
async function postReport(
  { interaction, logger, followUps }: Posting,
  announcement: PageAnnouncement,
  report: PageReport,
  initial: ResultTarget,
): Promise<DiscordMessageRef> {
  let target = initial;
  let first: PostedMessage | undefined;
  for (const embeds of reportMessages(report)) {
    let posted: PostedMessage;
    try {
      posted = await target.post(embeds);
    } catch (error) {
      if (target === followUps) throw error;
      logger.warn({ err: safeError(error) }, "the thread refused results; going on in replies");
      target = followUps;
      posted = await target.post(embeds);
    }
    first ??= posted;
  }
  try {
    await interaction.editReply(parentMessage(announcement, { report, where: target.where }));
  } catch (error) {
    logger.warn({ err: safeError(error) }, "could not add the result to the parent message");
  }
  // A report is at least one message (reportMessages never yields none).
  const { id, channelId } = first as PostedMessage;
  return { channelId, messageId: id };
}

function threadName(announcement: PageAnnouncement): string {
  const [first = "", ...others] = announcement.recipients;
  const more = others.length > 0 ? ` +${others.length}` : "";
  const message = announcement.message.replace(/\s+/g, " ");
  return truncate(`SMS ${first}${more}: ${message}`, DISCORD_LIMITS.threadName);
}
