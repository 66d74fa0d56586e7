import {
  type APIEmbed,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Message,
  MessageFlags,
  ThreadAutoArchiveDuration,
} from "discord.js";
import type {
  AskedHere,
  Logger,
  PageAnnouncement,
  PageReport,
  ResendOffer,
  StoredQuestion,
  Surface,
  Thread,
} from "../../src/kit.js";
import { SurfaceError } from "../../src/kit.js";
import { questionButtons } from "./confirm.js";
import { parentMessage, reportMessages } from "./embeds.js";
import { discordHelpText } from "./help.js";
import { DISCORD_LIMITS, splitText, truncate } from "./limits.js";
import { safeError } from "./log-safe.js";
import { resendButton } from "./resend.js";

/** Nobody is pinged by what the bot echoes: recipients, messages and csoft's text are data. */
const NO_PINGS = { parse: [] };

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
  post(embeds: APIEmbed[]): Promise<unknown>;
}

/**
 * The interaction's answer goes through four states: nothing yet, deferred (a public
 * "thinking…"), the page posted, or a private answer. A usage error after a public deferral
 * withdraws the placeholder and answers ephemerally, so the channel keeps no trace of it.
 */
type AnswerState = "none" | "deferred" | "deferredPrivately" | "page" | "private";

export function createDiscordSurface(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  logger: Logger,
  asked: AskedHere,
): DiscordSurface {
  let state: AnswerState = "none";
  const followUps: ResultTarget = {
    where: "the replies below",
    post: (embeds) => interaction.followUp({ embeds, allowedMentions: NO_PINGS }),
  };

  async function defer(): Promise<void> {
    if (state !== "none") return;
    await interaction.deferReply();
    state = "deferred";
  }

  async function deferPrivately(): Promise<void> {
    if (state !== "none") return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    state = "deferredPrivately";
  }

  async function replyPrivately(text: string): Promise<void> {
    const pieces = splitText(text, DISCORD_LIMITS.content);
    const privately = (content: string) => ({
      content,
      flags: MessageFlags.Ephemeral as const,
      allowedMentions: NO_PINGS,
    });
    let rest = pieces;
    if (state === "none") {
      await interaction.reply(privately(pieces[0] ?? ""));
      rest = pieces.slice(1);
    } else if (state === "deferredPrivately") {
      await interaction.editReply({ content: pieces[0] ?? "", allowedMentions: NO_PINGS });
      rest = pieces.slice(1);
    } else if (state === "deferred") {
      await withdrawPlaceholder();
    }
    if (state !== "page") state = "private";
    for (const piece of rest) await interaction.followUp(privately(piece));
  }

  async function withdrawPlaceholder(): Promise<void> {
    try {
      await interaction.deleteReply();
    } catch (error) {
      logger.warn({ err: safeError(error) }, "could not withdraw the deferred reply");
    }
  }

  async function announce(announcement: PageAnnouncement): Promise<Thread> {
    await defer();
    if (state !== "deferred") {
      throw new SurfaceError("This command was already answered; run /sms again.");
    }
    let parent: Message;
    try {
      parent = await interaction.editReply({
        ...parentMessage(announcement),
        allowedMentions: NO_PINGS,
      });
    } catch (error) {
      logger.warn({ err: safeError(error) }, "could not post the page's parent message");
      throw new SurfaceError(
        `Discord did not let me post the page here (${safeError(error).message}).`,
        { cause: error },
      );
    }
    state = "page";
    const target = await openThread(parent, announcement);
    return { report: (report) => postReport(announcement, report, target) };
  }

  async function openThread(
    parent: Message,
    announcement: PageAnnouncement,
  ): Promise<ResultTarget> {
    try {
      const thread = await parent.startThread({
        name: threadName(announcement),
        autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
        reason: "SMS page results",
      });
      return {
        where: `<#${thread.id}>`,
        post: (embeds) => thread.send({ embeds, allowedMentions: NO_PINGS }),
      };
    } catch (error) {
      logger.info({ err: safeError(error) }, "no thread for this page; results go in replies");
      return followUps;
    }
  }

  async function postReport(
    announcement: PageAnnouncement,
    report: PageReport,
    initial: ResultTarget,
  ): Promise<void> {
    let target = initial;
    for (const embeds of reportMessages(report)) {
      try {
        await target.post(embeds);
      } catch (error) {
        if (target === followUps) throw error;
        logger.warn({ err: safeError(error) }, "the thread refused results; going on in replies");
        target = followUps;
        await target.post(embeds);
      }
    }
    try {
      await interaction.editReply({
        ...parentMessage(announcement, { report, where: target.where }),
        allowedMentions: NO_PINGS,
      });
    } catch (error) {
      logger.warn({ err: safeError(error) }, "could not add the result to the parent message");
    }
  }

  /** A private follow-up with Confirm / Cancel buttons; the click comes back through attach.ts. */
  async function ask(question: StoredQuestion) {
    asked.remember(question, surface);
    await interaction.followUp({
      content: question.text,
      components: [questionButtons(question.id)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  }

  /** Help for Discord's typed options, in place of the core's text grammar. */
  async function showHelp() {
    await replyPrivately(discordHelpText());
  }

  async function offerResend(offer: ResendOffer) {
    await interaction.followUp({
      content: offer.text,
      components: [resendButton(offer)],
      flags: MessageFlags.Ephemeral,
      allowedMentions: NO_PINGS,
    });
  }

  const surface: DiscordSurface = {
    defer,
    deferPrivately,
    replyPrivately,
    announce,
    ask,
    showHelp,
    offerResend,
  };
  return surface;
}

function threadName(announcement: PageAnnouncement): string {
  const [first = "", ...others] = announcement.recipients;
  const more = others.length > 0 ? ` +${others.length}` : "";
  const message = announcement.message.replace(/\s+/g, " ");
  return truncate(`SMS ${first}${more}: ${message}`, DISCORD_LIMITS.threadName);
}
