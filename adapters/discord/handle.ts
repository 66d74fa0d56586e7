// One command or resend click, once claimed: the same for every transport. A command becomes
// the core's CommandInput here.
import { DiscordAPIError, RESTJSONErrorCodes } from "discord.js";
import type { Admission, CommandContext, CommandInput, Logger, Pager } from "../../src/kit.js";
import {
  CREDIT_COMMAND,
  HELP_COMMAND,
  HISTORY_COMMAND,
  SMS_COMMAND,
  STATUS_COMMAND,
} from "./commands.js";
import { guildRefusal } from "./guilds.js";
import { inputOf, mentionsPageable } from "./input.js";
import type { DiscordInteraction } from "./interaction.js";
import { type DiscordContacts, discordMentions } from "./mentions.js";
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
  input: CommandInput,
  pager: Pager,
  run: (ctx: DiscordContext) => Promise<void>,
): Promise<void> {
  if (admission === undefined) {
    await ctx.surface.replyPrivately(pager.turnAwayBusy(input, ctx));
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
  await pager.run({ kind: "resend", pageId }, ctx);
}

/** What the history says of a click turned away as busy: no command, a click on a question. */
export const CLICK: CommandInput = {
  kind: "invalid",
  typed: "(a click on a confirmation question)",
  problem: "",
};

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
  const input = inputOf(command);
  if (input.kind === "credit") {
    // csoft may take seconds (a failover first waits out the primary), longer than Discord's 3 s.
    if (!(await acknowledge(surface.deferPrivately(), interaction, logger))) return;
  }
  const mentions = discordMentions(deps.contacts);
  if (input.kind === "page") {
    // A mention nobody can page is refused before deferring: private from the start, and no
    // round trip. Then deferred publicly before the core validates, as Discord wants an answer
    // within 3 s; a usage error then withdraws the placeholder and answers privately.
    if (!(await mentionsPageable(input.recipients, mentions, surface, logger))) return;
    if (!(await acknowledge(surface.defer(), interaction, logger))) return;
  }
  // Help, history and status are answered privately by the core, at once.
  await pager.run(input, { ...ctx, mentions });
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
