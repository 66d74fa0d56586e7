import { type Client, Events, type Interaction } from "discord.js";
import type { Actor, CommandInput, Pager } from "../../src/kit.js";
import { AskedHere, childLogger, InFlight, type Logger } from "../../src/kit.js";
import { answerClick, questionClickOf } from "./confirm.js";
import { gatewayInteraction } from "./gateway.js";
import {
  admitted,
  CLICK,
  COMMANDS,
  type CommandOf,
  type DiscordContext,
  handle,
  resend,
  type SmsCommandDeps,
} from "./handle.js";
import { inputOf } from "./input.js";
import type { DiscordInteraction } from "./interaction.js";
import { safeError } from "./log-safe.js";
import { PLATFORM } from "./platform.js";
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
  const asked = new AskedHere();
  async function receive(interaction: DiscordInteraction): Promise<void> {
    const what = kindOf(interaction);
    if (what === undefined) return;
    // Every line about this interaction carries its key, as the pager's lines do.
    const logger = childLogger(deps.logger, { requestKey: requestKeyOf(interaction) });
    // Within the bound from arrival, before any round trip; given back if not ours to answer.
    const admission = deps.pager.admit();
    if (!(await claimed(interaction, deps.pager, logger))) {
      admission?.release();
      return;
    }
    const replies = interactionReplies(interaction, rest);
    const ctx = contextOf(interaction, createDiscordSurface(replies, logger, asked));
    const work = admitted(ctx, admission, inputFor(what), deps.pager, (admittedCtx) => {
      const { pager } = deps;
      if (what.kind === "confirm")
        return answerClick(replies, what.click, admittedCtx, pager, asked);
      if (what.kind === "resend") return resend(admittedCtx, what.pageId, pager);
      return handle(interaction, what.command, admittedCtx, { ...deps, logger });
    });
    await inFlight.track(
      work.catch((error: unknown) => {
        logger.error(
          { err: safeError(error), command: what.command?.name, user: interaction.userId },
          FAILED[what.kind],
        );
      }),
    );
  }
  return { receive, settled: () => inFlight.settled() };
}

const FAILED = {
  confirm: "could not answer a confirmation click",
  command: "discord command failed",
  resend: "could not answer a resend click",
} as const;

/** What an interaction asks of us: a confirmation click, a resend click, or one of our commands. */
type Kind =
  | { kind: "confirm"; click: NonNullable<ReturnType<typeof questionClickOf>>; command?: never }
  | { kind: "command"; command: CommandOf }
  | { kind: "resend"; pageId: number; command?: never };

/** What the history says of it when it is turned away as busy. */
function inputFor(what: Kind): CommandInput {
  if (what.kind === "confirm") return CLICK;
  if (what.kind === "resend") return { kind: "resend", pageId: what.pageId };
  return inputOf(what.command);
}

function kindOf(interaction: DiscordInteraction): Kind | undefined {
  const { customId, command } = interaction;
  if (command !== undefined) {
    return COMMANDS.has(command.name) ? { kind: "command", command } : undefined;
  }
  if (customId === undefined) return undefined;
  const click = questionClickOf(customId);
  if (click !== undefined) return { kind: "confirm", click };
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
    platform: PLATFORM,
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
