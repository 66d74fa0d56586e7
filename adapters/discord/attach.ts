import { type Client, Events, type Interaction } from "discord.js";
import type { Actor, Pager } from "../../src/kit.js";
import { childLogger, InFlight, type Logger } from "../../src/kit.js";
import { DiscordConfirmations } from "./confirm.js";
import { gatewayInteraction } from "./gateway.js";
import {
  admitted,
  COMMANDS,
  type CommandOf,
  type DiscordContext,
  handle,
  resend,
  type SmsCommandDeps,
} from "./handle.js";
import { type DiscordInteraction, typedCommand } from "./interaction.js";
import { safeError } from "./log-safe.js";
import { type DiscordRest, interactionReplies } from "./replies.js";
import { resendPageId } from "./resend.js";
import { createDiscordSurface, type DiscordSurface } from "./surface.js";

export type { SmsCommandDeps } from "./handle.js";

/** Answers `/sms`, its companions and our buttons, for interactions from any transport. */
export interface InteractionHandler {
  /** Takes one interaction; resolves once it is done with, or left to another delivery. */
  receive(interaction: DiscordInteraction): Promise<void>;
  /** Resolves when every command already received has been answered. */
  settled(): Promise<void>;
}

/**
 * The one handler behind the gateway and HTTP alike. Each interaction is claimed in the store
 * before anything is answered: a delivery claimed before (a replay, another replica logged in
 * on the same shard, a retry to another replica) stays silent and runs nothing.
 */
export function createInteractionHandler(
  deps: SmsCommandDeps,
  rest: DiscordRest,
): InteractionHandler {
  const inFlight = new InFlight();
  const confirmations = new DiscordConfirmations();
  async function receive(interaction: DiscordInteraction): Promise<void> {
    const what = kindOf(interaction, confirmations);
    if (what === undefined) return;
    // Every line about this interaction carries its key, as the pager's lines do.
    const logger = childLogger(deps.logger, { requestKey: requestKeyOf(interaction) });
    // Within the bound from arrival, before any round trip; given back if not ours to answer.
    const admission = what.kind === "confirm" ? undefined : deps.pager.admit();
    if (!(await claimed(interaction, deps.pager, logger))) {
      admission?.release();
      return;
    }
    const replies = interactionReplies(interaction, rest);
    if (what.kind === "confirm") {
      await confirmations
        .handle(what.customId, interaction.userId, replies)
        .catch((error: unknown) =>
          logger.error({ err: safeError(error) }, "could not answer a confirmation click"),
        );
      return;
    }
    const ctx = contextOf(interaction, createDiscordSurface(replies, logger, confirmations));
    const command = what.kind === "command" ? what.command : undefined;
    const work =
      what.kind === "command"
        ? admitted(ctx, admission, typedCommand(what.command), deps.pager, (admittedCtx) =>
            handle(interaction, what.command, admittedCtx, { ...deps, logger }),
          )
        : admitted(ctx, admission, `resend ${what.pageId}`, deps.pager, (admittedCtx) =>
            resend(admittedCtx, what.pageId, deps.pager),
          );
    await inFlight.track(
      work.catch((error: unknown) => {
        logger.error(
          { err: safeError(error), command: command?.name, user: interaction.userId },
          command ? "discord command failed" : "could not answer a resend click",
        );
      }),
    );
  }
  return { receive, settled: () => inFlight.settled() };
}

/** What an interaction asks of us: a confirmation click, a resend click, or one of our commands. */
type Kind =
  | { kind: "confirm"; customId: string }
  | { kind: "command"; command: CommandOf }
  | { kind: "resend"; pageId: number };

function kindOf(
  interaction: DiscordInteraction,
  confirmations: DiscordConfirmations,
): Kind | undefined {
  const { customId, command } = interaction;
  if (command !== undefined) {
    return COMMANDS.has(command.name) ? { kind: "command", command } : undefined;
  }
  if (customId === undefined) return undefined;
  if (confirmations.owns(customId)) return { kind: "confirm", customId };
  const pageId = resendPageId(customId);
  return pageId === undefined ? undefined : { kind: "resend", pageId };
}

/**
 * Claims the interaction before any answer; false, logged, when another delivery has it.
 * Throws when the store cannot say: then nothing is answered, rather than maybe twice.
 */
async function claimed(
  interaction: DiscordInteraction,
  pager: Pager,
  logger: Logger,
): Promise<boolean> {
  if (await pager.claim(requestKeyOf(interaction))) return true;
  logger.info(
    { interaction: interaction.id },
    "interaction claimed by another delivery; not answered here",
  );
  interaction.skip();
  return false;
}

/** Answers `/sms` and its companions on a Client, which may be one the caller already runs. */
export function attachSmsCommand(client: Client, deps: SmsCommandDeps): SmsCommandBinding {
  const handler = createInteractionHandler(deps, client.rest);
  const listener = (interaction: Interaction) => {
    const port = gatewayInteraction(interaction, client.rest);
    if (port === undefined) return;
    handler.receive(port).catch((error: unknown) => {
      deps.logger.error({ err: safeError(error) }, "could not take a discord interaction");
    });
  };
  client.on(Events.InteractionCreate, listener);
  return {
    settled: () => handler.settled(),
    detach: () => {
      client.off(Events.InteractionCreate, listener);
    },
  };
}

export interface SmsCommandBinding {
  /** Resolves when every command already received has been answered. */
  settled(): Promise<void>;
  /** Stops listening for new commands. */
  detach(): void;
}

/** Discord gives each interaction its own id; one delivered twice is run once. */
function requestKeyOf(interaction: DiscordInteraction): string {
  return `discord:${interaction.id}`;
}

/** Who acts, where, and the surface to answer them on. */
function contextOf(interaction: DiscordInteraction, surface: DiscordSurface): DiscordContext {
  const actor: Actor = {
    platform: "discord",
    id: interaction.userId,
    name: `<@${interaction.userId}>`,
  };
  return {
    actor,
    surface,
    requestKey: requestKeyOf(interaction),
    claimed: true,
    ...(interaction.channelId !== null && { channelId: interaction.channelId }),
    groupIds: interaction.roleIds,
  };
}
