import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  Events,
  type Interaction,
  RESTJSONErrorCodes,
} from "discord.js";
import type { Logger } from "../../src/log.js";
import { InFlight } from "../../src/page/in-flight.js";
import type { Pager } from "../../src/page/pager.js";
import type { Actor, CommandContext } from "../../src/page/types.js";
import { HELP_COMMAND, HISTORY_COMMAND, SMS_COMMAND, STATUS_COMMAND } from "./commands.js";
import { DiscordConfirmations } from "./confirm.js";
import { readSendFields } from "./fields.js";
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
        deps.logger.error({ error: safeError(error) }, "could not answer a confirmation click");
      });
      return;
    }
    const resendOf = interaction.isButton() ? resendPageId(interaction.customId) : undefined;
    if (interaction.isButton() && resendOf !== undefined) {
      const work = resend(interaction, resendOf, deps, confirmations).catch((error: unknown) => {
        deps.logger.error({ error: safeError(error) }, "could not answer a resend click");
      });
      void inFlight.track(work);
      return;
    }
    if (!interaction.isChatInputCommand()) return;
    if (!COMMANDS.has(interaction.commandName)) return;
    const work = handle(interaction, deps, confirmations).catch((error: unknown) => {
      deps.logger.error(
        { error: safeError(error), command: interaction.commandName, user: interaction.user.id },
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

const COMMANDS = new Set([SMS_COMMAND, HELP_COMMAND, HISTORY_COMMAND, STATUS_COMMAND]);

/** Role ids, whether discord.js cached the member or handed over the raw API object. */
function roleIds(interaction: ChatInputCommandInteraction | ButtonInteraction): string[] {
  const roles = interaction.member?.roles;
  if (roles === undefined) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}

/** Who acts, where, and the surface to answer them on. */
function contextOf(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  deps: SmsCommandDeps,
  confirmations: DiscordConfirmations,
): CommandContext & { surface: DiscordSurface } {
  const actor: Actor = {
    platform: "discord",
    id: interaction.user.id,
    name: `<@${interaction.user.id}>`,
  };
  return {
    actor,
    surface: createDiscordSurface(interaction, deps.logger, confirmations),
    // Discord gives each interaction its own id; one delivered twice is run once.
    requestKey: `discord:${interaction.id}`,
    channelId: interaction.channelId,
    groupIds: roleIds(interaction),
  };
}

/** A click on "Resend to the N unknown numbers": the core checks who, and that it is the first. */
async function resend(
  interaction: ButtonInteraction,
  pageId: number,
  deps: SmsCommandDeps,
  confirmations: DiscordConfirmations,
) {
  const ctx = contextOf(interaction, deps, confirmations);
  // Within Discord's 3 s, as for a command: the resend replaces it, or a private answer does.
  await ctx.surface.defer();
  await deps.pager.resend(pageId, ctx);
}

async function handle(
  interaction: ChatInputCommandInteraction,
  deps: SmsCommandDeps,
  confirmations: DiscordConfirmations,
) {
  const { logger, pager } = deps;
  const ctx = contextOf(interaction, deps, confirmations);
  const { surface } = ctx;
  logger.info(
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
  const fields = readSendFields(interaction.options);
  // Checked before deferring: the refusal is private from the start and costs no round trip.
  const mentions = resolveMentions(fields.to, deps.contacts);
  if (!mentions.ok) {
    await surface.replyPrivately(mentions.error);
    return;
  }
  // Deferred publicly before the core validates, as Discord wants an answer within 3 s; a usage
  // error then withdraws the placeholder and answers privately (see surface.ts).
  try {
    await surface.defer();
  } catch (error) {
    // Delivered again (a gateway replay): the first delivery answered it and runs the page.
    if (!isAlreadyAcknowledged(error)) throw error;
    logger.info({ interaction: interaction.id }, "interaction answered already; not run again");
    return;
  }
  await pager.runFields({ ...fields, to: mentions.to }, ctx);
}
