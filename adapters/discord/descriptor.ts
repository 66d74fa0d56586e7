// Discord as the program knows it: its variables, its allow-list, its contacts field, and how it
// starts. discord.js is loaded only when Discord runs, so the terminal starts without the SDK.

import { z } from "zod";
import { type AdapterDescriptor, type EnvOf, idList, optionalText } from "../../src/kit.js";
import { CONTACTS_FIELD, CONTACTS_ID } from "./contacts-field.js";
import { DISCORD_INTERACTIONS_PATH } from "./http-path.js";
import { PLATFORM } from "./platform.js";
import { PUBLIC_KEY_HEX } from "./signature.js";

/** What Discord reads from the environment. */
export interface DiscordSettings {
  token: string;
  applicationId: string;
  /** Where the standalone bot's commands are registered; any server when absent. */
  guildId?: string;
  apiUrl?: string;
  /** DISCORD_ALLOW_GUILDS: the only servers the bot answers in; unset: any it is in. */
  allowGuilds?: string[];
  /** DISCORD_PUBLIC_KEY: interactions over HTTP on PORT instead of the gateway. */
  publicKey?: string;
}

const env = {
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: z.url({ error: "must be a URL, e.g. https://discord.com/api" }).optional(),
  DISCORD_ALLOW_GUILDS: idList,
  DISCORD_ALLOW_USERS: idList,
  DISCORD_ALLOW_ROLES: idList,
  DISCORD_ALLOW_CHANNELS: idList,
  DISCORD_PUBLIC_KEY: optionalText.refine(
    (value) => value === undefined || PUBLIC_KEY_HEX.test(value),
    "must be the application's public key: 64 hexadecimal digits",
  ),
};

type DiscordEnv = EnvOf<typeof env>;

function pairing(values: DiscordEnv): string[] {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = values;
  if (!token && applicationId) {
    return ["DISCORD_TOKEN is missing: Discord needs the bot token as well"];
  }
  if (token && !applicationId) {
    return [
      "DISCORD_APPLICATION_ID is missing: Discord needs the application id besides DISCORD_TOKEN",
    ];
  }
  return [];
}

export const discord: AdapterDescriptor<DiscordSettings, typeof env> = {
  name: PLATFORM,
  env,
  settings(values) {
    const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = values;
    if (!token || !applicationId) return undefined;
    const allowGuilds = values.DISCORD_ALLOW_GUILDS ?? [];
    return {
      token,
      applicationId,
      ...(values.DISCORD_GUILD_ID && { guildId: values.DISCORD_GUILD_ID }),
      ...(values.DISCORD_API_URL && { apiUrl: values.DISCORD_API_URL }),
      ...(allowGuilds.length > 0 && { allowGuilds }),
      ...(values.DISCORD_PUBLIC_KEY && { publicKey: values.DISCORD_PUBLIC_KEY }),
    };
  },
  problems(values, forced) {
    const problems = pairing(values);
    if (forced && discord.settings(values) === undefined) {
      problems.push("--adapter discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID");
    }
    return problems;
  },
  allowList: (values) => ({
    users: values.DISCORD_ALLOW_USERS,
    groups: values.DISCORD_ALLOW_ROLES,
    channels: values.DISCORD_ALLOW_CHANNELS,
    groupsName: "roles",
  }),
  contacts: { field: CONTACTS_FIELD, id: CONTACTS_ID },
  // With a public key Discord POSTs its interactions to PORT, whichever server owns it.
  paths: (settings) => (settings.publicKey === undefined ? [] : [DISCORD_INTERACTIONS_PATH]),
  async start(core, deps) {
    const { startDiscord } = await import("./start.js");
    const running = await startDiscord({
      ...deps.settings,
      pager: core.pager,
      logger: core.logger,
      contacts: core.contacts,
      serveInteractions: (listener) => deps.mount(DISCORD_INTERACTIONS_PATH, listener),
    });
    const { stop, ready, deliveryEditor } = running;
    return { stop, ready, deliveryEditor };
  },
};
