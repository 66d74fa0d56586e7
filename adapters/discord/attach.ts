import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  DiscordAPIError,
  Events,
  type Interaction,
  RESTJSONErrorCodes,
} from "discord.js";
import type { Actor, CommandContext, CommandInput, Pager } from "../../src/kit.js";
import { AskedHere, childLogger, InFlight, type Logger } from "../../src/kit.js";
import {
  CREDIT_COMMAND,
  HELP_COMMAND,
  HISTORY_COMMAND,
  SMS_COMMAND,
  STATUS_COMMAND,
} from "./commands.js";
import { answerClick, questionClickOf } from "./confirm.js";
import { guildRefusal } from "./guilds.js";
import { inputOf, mentionsPageable } from "./input.js";
import { safeError } from "./log-safe.js";
import { type DiscordContacts, discordMentions } from "./mentions.js";
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
  const asked = new AskedHere();
  const listener = (interaction: Interaction) => {
    const click = interaction.isButton() ? questionClickOf(interaction.customId) : undefined;
    if (interaction.isButton() && click !== undefined) {
      const ctx = contextOf(interaction, deps, asked);
      const work = admitted(ctx, CLICK, deps.pager, (admittedCtx) =>
        answerClick(interaction, click, admittedCtx, deps.pager, asked),
      ).catch((error: unknown) => {
        deps.logger.error({ err: safeError(error) }, "could not answer a confirmation click");
      });
      void inFlight.track(work);
      return;
    }
    const resendOf = interaction.isButton() ? resendPageId(interaction.customId) : undefined;
    if (interaction.isButton() && resendOf !== undefined) {
      const ctx = contextOf(interaction, deps, asked);
      const input: CommandInput = { kind: "resend", pageId: resendOf };
      const work = admitted(ctx, input, deps.pager, (admittedCtx) =>
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
    const ctx = contextOf(interaction, { ...deps, logger }, asked);
    const work = admitted(ctx, inputOf(interaction), deps.pager, (admittedCtx) =>
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
  asked: AskedHere,
): DiscordContext {
  const actor: Actor = {
    platform: "discord",
    id: interaction.user.id,
    name: `<@${interaction.user.id}>`,
  };
  return {
    actor,
    surface: createDiscordSurface(interaction, deps.logger, asked),
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
  input: CommandInput,
  pager: Pager,
  run: (ctx: DiscordContext) => Promise<void>,
): Promise<void> {
  const admission = pager.admit();
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
async function resend(ctx: DiscordContext, pageId: number, pager: Pager) {
  // Within Discord's 3 s, as for a command: the resend replaces it, or a private answer does.
  await ctx.surface.defer();
  await pager.run({ kind: "resend", pageId }, ctx);
}

/** What the history says of a click turned away as busy: no command, a click on a question. */
const CLICK: CommandInput = {
  kind: "invalid",
  typed: "(a click on a confirmation question)",
  problem: "",
};

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
  const input = inputOf(interaction);
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
