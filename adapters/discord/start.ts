import { Client, Events, GatewayIntentBits } from "discord.js";
import {
  ChatopsError,
  type Clock,
  type DeliveryEditor,
  type Logger,
  type Pager,
} from "../../src/kit.js";
import { attachSmsCommand } from "./attach.js";
import { discordDeliveryEditor } from "./delivery.js";
import type { RequestListener } from "./http.js";
import { safeError } from "./log-safe.js";
import type { DiscordContacts } from "./mentions.js";
import { startDiscordHttp } from "./start-http.js";

export interface DiscordOptions {
  token: string;
  applicationId: string;
  /** REST base URL, e.g. a proxy; discord.js's default otherwise. */
  apiUrl?: string;
  pager: Pager;
  logger: Logger;
  contacts?: DiscordContacts;
  /** The only servers whose commands are answered; any server when absent. */
  allowGuilds?: readonly string[];
  /** DISCORD_PUBLIC_KEY: interactions come over HTTP (no gateway session), checked with it. */
  publicKey?: string;
  /** With `publicKey`: hands the endpoint to the HTTP server on PORT, at `/discord/interactions`. */
  serveInteractions?: (listener: RequestListener) => void;
  /** With `publicKey`: dates the signatures; the system clock by default. */
  clock?: Clock;
}

export interface RunningDiscord {
  /** The gateway's client; none over HTTP. */
  client?: Client;
  /** For /readyz: the gateway session is ready, or the endpoint is served. */
  ready(): boolean;
  /** Edits page reports as delivery receipts come, over REST. */
  deliveryEditor: DeliveryEditor;
  /** Lets commands in progress finish, then disconnects. */
  stop(): Promise<void>;
}

/** Logs the connection's life; discord.js itself reconnects and resumes. */
function logLifecycle(client: Client, logger: Logger): void {
  client.on(Events.ShardDisconnect, (event, shard) => {
    logger.warn({ shard, code: event.code }, "discord gateway closed for good");
  });
  client.on(Events.ShardReconnecting, (shard) => logger.info({ shard }, "discord reconnecting"));
  client.on(Events.ShardResume, (shard, replayed) =>
    logger.info({ shard, replayed }, "discord resumed"),
  );
  client.on(Events.Warn, (message) => logger.warn({ message }, "discord warning"));
  client.on(Events.Error, (error) => logger.error({ err: safeError(error) }, "discord error"));
}

/**
 * Connects a bot with the Guilds intent only (no privileged intents) and answers `/sms`; with a
 * public key, serves interactions over HTTP instead.
 */
export async function startDiscord(options: DiscordOptions): Promise<RunningDiscord> {
  const { publicKey, serveInteractions } = options;
  if (publicKey !== undefined) {
    if (serveInteractions === undefined) {
      throw new ChatopsError("INVALID_OPTION", "Discord over HTTP needs serveInteractions");
    }
    const running = startDiscordHttp({ ...options, publicKey, serveInteractions });
    return { ready: () => true, stop: running.stop, deliveryEditor: running.deliveryEditor };
  }
  const { logger } = options;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(options.apiUrl !== undefined && { rest: { api: options.apiUrl } }),
  });
  const binding = attachSmsCommand(client, options);
  logLifecycle(client, logger);
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));

  logger.info({ applicationId: options.applicationId }, "discord logging in");
  try {
    await client.login(options.token);
    const { user, application, guilds } = await ready;
    logger.info({ user: user.tag, userId: user.id, guilds: guilds.cache.size }, "discord ready");
    if (application.id !== options.applicationId) {
      logger.warn(
        { applicationId: options.applicationId, botApplicationId: application.id },
        "DISCORD_APPLICATION_ID is not this bot's application: /sms was registered for another app",
      );
    }
  } catch (error) {
    await client.destroy();
    throw error;
  }

  return {
    client,
    ready: () => client.isReady(),
    deliveryEditor: discordDeliveryEditor(client.rest),
    async stop() {
      binding.detach();
      await binding.settled();
      await client.destroy();
      logger.info("discord stopped");
    },
  };
}
