import {
  type ChatInputCommandInteraction,
  type Client,
  Events,
  type Interaction,
} from "discord.js";
import type { Logger } from "../../src/log.js";
import type { Pager } from "../../src/page/pager.js";
import type { Actor } from "../../src/page/types.js";
import { HELP_COMMAND, SMS_COMMAND } from "./commands.js";
import { readSendFields } from "./fields.js";
import { discordHelpText } from "./help.js";
import { safeError } from "./log-safe.js";
import { type DiscordContacts, resolveMentions } from "./mentions.js";
import { createDiscordSurface } from "./surface.js";

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
  const inFlight = new Set<Promise<void>>();
  const listener = (interaction: Interaction) => {
    if (!interaction.isChatInputCommand()) return;
    if (interaction.commandName !== SMS_COMMAND && interaction.commandName !== HELP_COMMAND) return;
    const work = handle(interaction, deps).catch((error: unknown) => {
      deps.logger.error(
        { error: safeError(error), command: interaction.commandName, user: interaction.user.id },
        "discord command failed",
      );
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  client.on(Events.InteractionCreate, listener);
  return {
    settled: async () => {
      await Promise.allSettled([...inFlight]);
    },
    detach: () => {
      client.off(Events.InteractionCreate, listener);
    },
  };
}

async function handle(interaction: ChatInputCommandInteraction, deps: SmsCommandDeps) {
  const { logger, pager } = deps;
  const actor: Actor = {
    platform: "discord",
    id: interaction.user.id,
    name: `<@${interaction.user.id}>`,
  };
  const surface = createDiscordSurface(interaction, logger);
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
  const fields = readSendFields(interaction.options);
  // Checked before deferring: the refusal is private from the start and costs no round trip.
  const mentions = resolveMentions(fields.to, deps.contacts);
  if (!mentions.ok) {
    await surface.replyPrivately(mentions.error);
    return;
  }
  // Deferred publicly before the core validates, as Discord wants an answer within 3 s; a usage
  // error then withdraws the placeholder and answers privately (see surface.ts).
  await surface.defer();
  await pager.runFields({ ...fields, to: mentions.to }, { actor, surface });
}
