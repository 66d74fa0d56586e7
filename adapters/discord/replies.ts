// Answering one interaction: its initial response through the transport's port, everything after
// through the interaction's webhook and the channel routes, over @discordjs/rest. One
// implementation for the gateway and HTTP alike.
import type { REST } from "@discordjs/rest";
import {
  type APIActionRowComponent,
  type APIChannel,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIMessage,
  InteractionResponseType,
  MessageFlags,
  Routes,
} from "discord.js";
import { ChatopsError } from "../../src/kit.js";
import type { DiscordInteraction } from "./interaction.js";

/** The REST calls replies make: discord.js's own client.rest, or one of ours over HTTP. */
export type DiscordRest = Pick<REST, "post" | "patch" | "delete">;

/**
 * A message the bot posts. Nobody is pinged by it (recipients and csoft's text are data) but
 * `mention`, a user named at the start of its content.
 */
export interface OutgoingMessage {
  content?: string;
  mention?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Seen only by the person who interacted. */
  ephemeral?: boolean;
}

/** Where a posted message is, to start a thread on it. */
export interface PostedMessage {
  id: string;
  channelId: string;
}

export interface PostedThread {
  id: string;
  send(message: OutgoingMessage): Promise<PostedMessage>;
}

export interface InteractionReplies {
  /** The initial response: "thinking…", publicly or privately, answered later by editReply. */
  defer(ephemeral: boolean): Promise<void>;
  /** The initial response: a message. */
  reply(message: OutgoingMessage): Promise<void>;
  /** The initial response to a button click: edits the message the button is on. */
  update(message: OutgoingMessage): Promise<void>;
  editReply(message: OutgoingMessage): Promise<PostedMessage>;
  deleteReply(): Promise<void>;
  followUp(message: OutgoingMessage): Promise<PostedMessage>;
  startThread(
    parent: PostedMessage,
    thread: { name: string; autoArchiveDuration: number; reason: string },
  ): Promise<PostedThread>;
}

const NO_PINGS = { parse: [] };

/** The JSON Discord takes for a message, whichever route posts it. */
export function messageBody(message: OutgoingMessage) {
  const { ephemeral, mention, ...rest } = message;
  return {
    ...rest,
    ...(mention !== undefined && { content: `<@${mention}> ${rest.content ?? ""}`.trimEnd() }),
    ...(ephemeral && { flags: MessageFlags.Ephemeral }),
    allowed_mentions: mention === undefined ? NO_PINGS : { parse: [], users: [mention] },
  };
}

function posted(message: APIMessage): PostedMessage {
  return { id: message.id, channelId: message.channel_id };
}

export function interactionReplies(
  interaction: DiscordInteraction,
  rest: DiscordRest,
): InteractionReplies {
  const { applicationId, token } = interaction;
  const original = Routes.webhookMessage(applicationId, token, "@original");
  // The webhook's token is its authorisation; the bot's token is never sent with it.
  const asWebhook = { auth: false };
  return {
    defer: (ephemeral) =>
      interaction.respond({
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: { flags: ephemeral ? MessageFlags.Ephemeral : (0 as MessageFlags) },
      }),
    reply: (message) =>
      interaction.respond({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: messageBody(message),
      }),
    update: (message) =>
      interaction.respond({
        type: InteractionResponseType.UpdateMessage,
        data: messageBody(message),
      }),
    async editReply(message) {
      const edited = await rest.patch(original, { body: messageBody(message), ...asWebhook });
      return posted(edited as APIMessage);
    },
    async deleteReply() {
      await rest.delete(original, asWebhook);
    },
    async followUp(message) {
      const body = messageBody(message);
      return posted(
        (await rest.post(Routes.webhook(applicationId, token), {
          body,
          ...asWebhook,
        })) as APIMessage,
      );
    },
    async startThread(parent, thread) {
      if (interaction.guildId === null) {
        throw new ChatopsError("SURFACE", "a direct message has no threads");
      }
      const started = (await rest.post(Routes.threads(parent.channelId, parent.id), {
        body: { name: thread.name, auto_archive_duration: thread.autoArchiveDuration },
        reason: thread.reason,
      })) as APIChannel;
      return {
        id: started.id,
        send: async (message) =>
          posted(
            (await rest.post(Routes.channelMessages(started.id), {
              body: messageBody(message),
            })) as APIMessage,
          ),
      };
    },
  };
}
