import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  Events,
  type Interaction,
  RESTJSONErrorCodes,
} from "discord.js";
import type { Actor, CommandContext, Pager } from "../../src/kit.js";
import { childLogger, InFlight, type Logger } from "../../src/kit.js";
import {
  CREDIT_COMMAND,
  HELP_COMMAND,
  HISTORY_COMMAND,
  SMS_COMMAND,
  STATUS_COMMAND,
} from "./commands.js";
import { DiscordConfirmations } from "./confirm.js";
import { readSendFields } from "./fields.js";
import { guildRefusal } from "./guilds.js";
import { discordHelpText } from "./help.js";
import { safeError } from "./log-safe.js";
import { type DiscordContacts, resolveMentions } from "./mentions.js";
import { resendPageId } from "./resend.js";
import { createDiscordSurface, type DiscordSurface } from "./surface.js";

export interface SmsCommandDeps {
  pager: Pager;
  logger: Logger;
  /** Lets `<@user>` mentions be paged through a contacts directory; without it they are refused. */
  contacts?: DiscordContacts;
  /** The only servers whose commands are answered; any server when absent. */
  allowGuilds?: readonly string[];
}

export interface SmsCommandBinding {
  /** Resolves when every command already received has been answered. */
  settled(): Promise<void>;
  /** Stops listening for new commands. */
  detach(): void;
}

/** Answers `/sms` and `/sms-help` on a Client, which may be one the caller already runs. */
export function attachSmsCommand(client: Client, deps: SmsCommandDeps): SmsCommandBinding {
  const inFlight = new InFlight();
  const confirmations = new DiscordConfirmations();
  const listener = (interaction: Interaction) => {
    if (interaction.isButton() && confirmations.owns(interaction.customId)) {
      confirmations.handle(interaction).catch((error: unknown) => {
        deps.logger.error({ err: safeError(error) }, "could not answer a confirmation click");
      });
      return;
    }
    const resendOf = interaction.isButton() ? resendPageId(interaction.customId) : undefined;
    if (interaction.isButton() && resendOf !== undefined) {
      const ctx = contextOf(interaction, deps, confirmations);
      const work = admitted(ctx, `resend ${resendOf}`, deps.pager, (admittedCtx) =>
        resend(admittedCtx, resendOf, deps.pager),
      ).catch((error: unknown) => {
        deps.logger.error({ err: safeError(error) }, "could not answer a resend click");
      });
      void inFlight.track(work);
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    if (!COMMANDS.has(interaction.commandName)) return;
    // Every line about this command carries its key, as the pager's lines do.
    const logger = childLogger(deps.logger, { requestKey: requestKeyOf(interaction) });
    const ctx = contextOf(interaction, { ...deps, logger }, confirmations);
    const work = admitted(ctx, interaction.toString(), deps.pager, (admittedCtx) =>
      handle(interaction, admittedCtx, { ...deps, logger }),
    ).catch((error: unknown) => {
      logger.error(
        { err: safeError(error), command: interaction.commandName, user: interaction.user.id },
        "discord command failed",
      );
    });
    void inFlight.track(work);
  };
  client.on(Events.InteractionCreate, listener);
  return {
    settled: () => inFlight.settled(),
    detach: () => {
      client.off(Events.InteractionCreate, listener);
    },
  };
}

function isAlreadyAcknowledged(error: unknown): boolean {
  return (
    error instanceof DiscordAPIError &&
    error.code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
  );
}

/** Discord gives each interaction its own id; one delivered twice is run once. */
function requestKeyOf(interaction: Interaction): string {
  return `discord:${interaction.id}`;
}

const COMMANDS = new Set([
  SMS_COMMAND,
  HELP_COMMAND,
  HISTORY_COMMAND,
  STATUS_COMMAND,
  CREDIT_COMMAND,
]);

/** Role ids, whether discord.js cached the member or handed over the raw API object. */
function roleIds(interaction: ChatInputCommandInteraction | ButtonInteraction): string[] {
  const roles = interaction.member?.roles;
  if (roles === undefined) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** A command's context, with the surface that defers Discord's answer. */
type DiscordContext = CommandContext & { surface: DiscordSurface };

/** Who acts, where, and the surface to answer them on. */
function contextOf(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  deps: SmsCommandDeps,
  confirmations: DiscordConfirmations,
): DiscordContext {
  const actor: Actor = {
    platform: "discord",
    id: interaction.user.id,
    name: `<@${interaction.user.id}>`,
  };
  return {
    actor,
    surface: createDiscordSurface(interaction, deps.logger, confirmations),
    requestKey: requestKeyOf(interaction),
    channelId: interaction.channelId,
    groupIds: roleIds(interaction),
  };
}

/**
 * Takes the command's place within the bound on receipt, before any round trip to Discord, and
 * gives it back when the command is done; beyond the bound the caller is only told, privately,
 * that the bot is busy.
 */
async function admitted(
  ctx: DiscordContext,
  typed: string,
  pager: Pager,
  run: (ctx: DiscordContext) => Promise<void>,
): Promise<void> {
  const admission = pager.admit();
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
async function resend(ctx: DiscordContext, pageId: number, pager: Pager) {
  // Within Discord's 3 s, as for a command: the resend replaces it, or a private answer does.
  await ctx.surface.defer();
  await pager.resend(pageId, ctx);
}

async function handle(
  interaction: ChatInputCommandInteraction,
  ctx: DiscordContext,
  deps: SmsCommandDeps,
) {
  const { logger, pager } = deps;
  const { surface } = ctx;
  const refusal = guildRefusal(deps.allowGuilds, interaction.guildId);
  if (refusal !== undefined) {
    logger.warn(
      { command: interaction.commandName, user: interaction.user.id, guild: interaction.guildId },
      "discord command refused: server not allowed",
    );
    await surface.replyPrivately(refusal);
    return;
  }
  // Debug: a dry run or a mistake is no event; a page logs its own start and end.
  logger.debug(
    {
      command: interaction.commandName,
      user: interaction.user.id,
      guild: interaction.guildId,
      channel: interaction.channelId,
    },
    "discord command",
  );
  if (interaction.commandName === HELP_COMMAND) {
    await surface.replyPrivately(discordHelpText());
    return;
  }
  // Answered privately by the core, in the words of the text grammar.
  if (interaction.commandName === HISTORY_COMMAND) {
    const count = interaction.options.getInteger("count");
    await pager.runSms(count === null ? "history" : `history ${count}`, ctx);
    return;
  }
  if (interaction.commandName === STATUS_COMMAND) {
    await pager.runSms(`status ${interaction.options.getString("of", true).trim()}`, ctx);
    return;
  }
  if (interaction.commandName === CREDIT_COMMAND) {
    // csoft may take seconds (a failover first waits out the primary), longer than Discord's 3 s.
    if (!(await acknowledge(surface.deferPrivately(), interaction, logger))) return;
    await pager.runSms("credit", ctx);
    return;
  }
  const fields = readSendFields(interaction.options);
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
 * Waits for a deferral; false when Discord says the interaction was answered already: delivered
 * again (a gateway replay), the first delivery answered it and runs the command.
 */
async function acknowledge(
  deferral: Promise<void>,
  interaction: ChatInputCommandInteraction,
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
