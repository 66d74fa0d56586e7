// The HTTP side of the interaction port: the JSON Discord POSTs, whose first answer is the HTTP
// response itself. Discord waits at most 3 s for it.
import type { ServerResponse } from "node:http";
import type { APIInteractionResponse } from "discord.js";
import { z } from "zod";
import { ChatopsError } from "../../src/kit.js";
import type { DiscordInteraction } from "./interaction.js";

/** Interaction types Discord POSTs (PING, a slash command, a component) and the PONG. */
export const INTERACTION_TYPE = { ping: 1, command: 2, component: 3 } as const;

const user = z.object({ id: z.string() });
const option = z.object({
  name: z.string(),
  type: z.number(),
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
});

/** The fields the handler reads; anything else Discord sends is left alone. */
const payload = z.object({
  id: z.string(),
  application_id: z.string(),
  token: z.string(),
  type: z.number(),
  guild_id: z.string().optional(),
  channel_id: z.string().optional(),
  channel: z.object({ id: z.string() }).optional(),
  member: z.object({ user, roles: z.array(z.string()) }).optional(),
  user: user.optional(),
  data: z
    .object({
      name: z.string().optional(),
      custom_id: z.string().optional(),
      options: z.array(option).optional(),
    })
    .optional(),
});

export type InteractionPayload = z.infer<typeof payload>;

/** The body's interaction, or undefined when it is not one Discord could have sent. */
export function readPayload(body: unknown): InteractionPayload | undefined {
  const read = payload.safeParse(body);
  return read.success ? read.data : undefined;
}

/** How the HTTP exchange ends when the handler did not answer: skipped, or something broke. */
export interface HttpExchange {
  /** True once the HTTP response has been written. */
  readonly answered: boolean;
  /** Ends the exchange without an interaction response, when the handler gave none. */
  endUnanswered(status: number, error: string): void;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): Promise<void> {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  return new Promise((resolve) => response.end(text, resolve));
}

/** The port over one POSTed command or click, answering first through `response`. */
export function httpInteraction(
  raw: InteractionPayload,
  response: ServerResponse,
): DiscordInteraction & HttpExchange {
  let answered = false;
  const take = () => {
    if (answered) throw new ChatopsError("SURFACE", "this interaction was answered already");
    answered = true;
  };
  const userId = raw.member?.user.id ?? raw.user?.id ?? "";
  const { data } = raw;
  return {
    id: raw.id,
    applicationId: raw.application_id,
    token: raw.token,
    userId,
    guildId: raw.guild_id ?? null,
    channelId: raw.channel_id ?? raw.channel?.id ?? null,
    roleIds: raw.member?.roles ?? [],
    ...(raw.type === INTERACTION_TYPE.command &&
      data?.name !== undefined && { command: { name: data.name, options: data.options ?? [] } }),
    ...(raw.type === INTERACTION_TYPE.component &&
      data?.custom_id !== undefined && { customId: data.custom_id }),
    get answered() {
      return answered;
    },
    respond(body: APIInteractionResponse) {
      take();
      return sendJson(response, 200, body);
    },
    // Another delivery has it (a retry that reached another replica): no second answer.
    skip() {
      if (answered) return;
      take();
      void sendJson(response, 409, { error: "this interaction is handled by another delivery" });
    },
    endUnanswered(status, error) {
      if (answered) return;
      take();
      void sendJson(response, status, { error });
    },
  };
}
