// One command or resend click, once claimed: the same for every transport.
import { DiscordAPIError, RESTJSONErrorCodes } from "discord.js";
import type { Admission, CommandContext, Logger, Pager } from "../../src/kit.js";
import {
  CREDIT_COMMAND,
  HELP_COMMAND,
  HISTORY_COMMAND,
  SMS_COMMAND,
  STATUS_COMMAND,
} from "./commands.js";
import { readSendFields } from "./fields.js";
import { guildRefusal } from "./guilds.js";
import { discordHelpText } from "./help.js";
import { type DiscordInteraction, optionReader } from "./interaction.js";
import { type DiscordContacts, resolveMentions } from "./mentions.js";
import type { DiscordSurface } from "./surface.js";

export interface SmsCommandDeps {
  pager: Pager;
  logger: Logger;
  /** Lets `<@user>` mentions be paged through a contacts directory; without it they are refused. */
  contacts?: DiscordContacts;
  /** The only servers whose commands are answered; any server when absent. */
  allowGuilds?: readonly string[];
}

export const COMMANDS = new Set([
  SMS_COMMAND,
  HELP_COMMAND,
  HISTORY_COMMAND,
  STATUS_COMMAND,
  CREDIT_COMMAND,
]);

export type CommandOf = NonNullable<DiscordInteraction["command"]>;

/** A command's context, with the surface that defers Discord's answer. */
export type DiscordContext = CommandContext & { surface: DiscordSurface };

/**
 * Runs the command within the place taken on receipt, and gives it back when the command is
 * done; beyond the bound the caller is only told, privately, that the bot is busy.
 */
export async function admitted(
  ctx: DiscordContext,
  admission: Admission | undefined,
  typed: string,
  pager: Pager,
  run: (ctx: DiscordContext) => Promise<void>,
): Promise<void> {
  if (admission === undefined) {
    await ctx.surface.replyPrivately(pager.turnAwayBusy(typed, ctx));
    return;
  }
  try {
    await run({ ...ctx, admission });
  } finally {
    admission.release();
  }
}

/** A click on "Resend to the N unknown numbers": the core checks who, and that it is the first. */
export async function resend(ctx: DiscordContext, pageId: number, pager: Pager) {
  // Within Discord's 3 s, as for a command: the resend replaces it, or a private answer does.
  await ctx.surface.defer();
  await pager.resend(pageId, ctx);
}

/** One of our slash commands, from any transport, claimed and admitted. */
export async function handle(
  interaction: DiscordInteraction,
  command: CommandOf,
  ctx: DiscordContext,
  deps: SmsCommandDeps,
) {
  const { logger, pager } = deps;
  const { surface } = ctx;
  const commandName = command.name;
  const options = optionReader(command.options);
  const refusal = guildRefusal(deps.allowGuilds, interaction.guildId);
  if (refusal !== undefined) {
    logger.warn(
      { command: commandName, user: interaction.userId, guild: interaction.guildId },
      "discord command refused: server not allowed",
    );
    await surface.replyPrivately(refusal);
    return;
  }
  // Debug: a dry run or a mistake is no event; a page logs its own start and end.
  logger.debug(
    {
      command: commandName,
      user: interaction.userId,
      guild: interaction.guildId,
      channel: interaction.channelId,
    },
    "discord command",
  );
  if (commandName === HELP_COMMAND) {
    await surface.replyPrivately(discordHelpText());
    return;
  }
  // Answered privately by the core, in the words of the text grammar.
  if (commandName === HISTORY_COMMAND) {
    const count = options.getInteger("count");
    await pager.runSms(count === null ? "history" : `history ${count}`, ctx);
    return;
  }
  if (commandName === STATUS_COMMAND) {
    await pager.runSms(`status ${options.getString("of", true).trim()}`, ctx);
    return;
  }
  if (commandName === CREDIT_COMMAND) {
    // csoft may take seconds (a failover first waits out the primary), longer than Discord's 3 s.
    if (!(await acknowledge(surface.deferPrivately(), interaction, logger))) return;
    await pager.runSms("credit", ctx);
    return;
  }
  const fields = readSendFields(options);
  // Checked before deferring: the refusal is private from the start and costs no round trip.
  const mentions = resolveMentions(fields.to, deps.contacts);
  if (!mentions.ok) {
    logger.debug({ problem: mentions.error }, "usage error; nothing sent");
    await surface.replyPrivately(mentions.error);
    return;
  }
  // Deferred publicly before the core validates, as Discord wants an answer within 3 s; a usage
  // error then withdraws the placeholder and answers privately (see surface.ts).
  if (!(await acknowledge(surface.defer(), interaction, logger))) return;
  await pager.runFields({ ...fields, to: mentions.to }, ctx);
}

/**
 * Waits for a deferral; false when Discord says the interaction was answered already. The claim
 * keeps a second delivery from getting here when the processes share a store; without one
 * (two bots on separate stores), the first to answer runs the command and this one does not.
 */
async function acknowledge(
  deferral: Promise<void>,
  interaction: DiscordInteraction,
  logger: Logger,
): Promise<boolean> {
  try {
    await deferral;
    return true;
  } catch (error) {
    if (!isAlreadyAcknowledged(error)) throw error;
    logger.info({ interaction: interaction.id }, "interaction answered already; not run again");
    return false;
  }
}

function isAlreadyAcknowledged(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
  );
}
