import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandDefinitions } from "../../adapters/discord/commands.js";
import { registerCommands, registerOptionsFromEnv } from "../../adapters/discord/register.js";
import {
  APPLICATION_ID,
  BOT_TOKEN,
  type FakeDiscord,
  GUILD_ID,
  startFakeDiscord,
} from "./fake-discord.js";

let discord: FakeDiscord;

beforeAll(async () => {
  discord = await startFakeDiscord();
});

afterAll(async () => {
  await discord.close();
});

const OUR_NAMES = ["sms", "sms-help", "sms-history", "sms-status", "sms-credit"];

/** A host bot's own command, registered by the host before ours. */
const PING = { name: "ping", description: "Replies pong", type: 1 };

/** Registers commands the way a host bot does, straight through the REST API. */
async function hostRegisters(commands: object[], guildId?: string): Promise<void> {
  const scope = guildId === undefined ? "" : `/guilds/${guildId}`;
  const url = `${discord.apiUrl}/v10/applications/${APPLICATION_ID}${scope}/commands`;
  const response = await fetch(url, {
    method: "PUT",
    headers: { authorization: `Bot ${BOT_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify(commands),
  });
  expect(response.status).toBe(200);
}

/** The calls made from now on. */
function callsFromNow() {
  const start = discord.calls.length;
  return () => discord.calls.slice(start);
}

describe("registerCommands in a host bot (the default: merge by name)", () => {
  it("creates ours once beside the host's own command, and leaves the host's alone", async () => {
    await hostRegisters([PING], GUILD_ID);
    const [ping] = discord.registeredCommands(GUILD_ID);
    const options = {
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      apiUrl: discord.apiUrl,
    };

    const first = callsFromNow();
    const registered = await registerCommands(options);
    const route = `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`;
    expect(first().map((call) => `${call.method} ${call.path} ${call.body.name ?? ""}`)).toEqual([
      `GET ${route} `,
      ...OUR_NAMES.map((name) => `POST ${route} ${name}`),
    ]);
    expect(first().map((call) => call.raw)).toEqual([undefined, ...commandDefinitions()]);
    expect(registered.map((command) => command.name)).toEqual(OUR_NAMES);

    const second = callsFromNow();
    await registerCommands(options);
    expect(second().map((call) => call.method)).toEqual(["GET"]);

    const held = discord.registeredCommands(GUILD_ID);
    expect(held.map((command) => command.name)).toEqual(["ping", ...OUR_NAMES]);
    expect(held[0]).toEqual(ping);
  });

  it("updates ours in place when Discord holds an older definition, by its id", async () => {
    const oldSms = { ...commandDefinitions()[0], contexts: [0, 1] };
    delete oldSms.default_member_permissions;
    await hostRegisters([PING, oldSms]);
    const [ping, sms] = discord.registeredCommands();

    const calls = callsFromNow();
    await registerCommands({
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      apiUrl: discord.apiUrl,
    });
    const route = `/applications/${APPLICATION_ID}/commands`;
    expect(calls().map((call) => `${call.method} ${call.path} ${call.body.name ?? ""}`)).toEqual([
      `GET ${route} `,
      `PATCH ${route}/${sms?.id} sms`,
      ...OUR_NAMES.slice(1).map((name) => `POST ${route} ${name}`),
    ]);
    expect(calls()[1]?.raw).toEqual(commandDefinitions()[0]);

    const held = discord.registeredCommands();
    expect(held.map((command) => command.name)).toEqual(["ping", ...OUR_NAMES]);
    expect(held[0]).toEqual(ping);
    expect(held[1]).toMatchObject({ id: sms?.id, contexts: [0], default_member_permissions: "0" });
  });

  it("leaves ours alone when Discord's copy differs only by its defaults and its own fields", async () => {
    const guildId = "100000000000000077";
    // As Discord answers: false and empty options left out, fields of its own added.
    const asDiscordHolds = JSON.parse(
      JSON.stringify(commandDefinitions(), (key, value) =>
        (key === "required" && value === false) || (key === "options" && value.length === 0)
          ? undefined
          : value,
      ),
    ).map((command: object) => ({ ...command, nsfw: false, description_localizations: null }));
    await hostRegisters([PING, ...asDiscordHolds], guildId);

    const calls = callsFromNow();
    const options = { token: BOT_TOKEN, applicationId: APPLICATION_ID, guildId };
    await registerCommands({ ...options, apiUrl: discord.apiUrl });
    expect(calls().map((call) => call.method)).toEqual(["GET"]);
  });
});

describe("registerCommands for the standalone bot (replace)", () => {
  it("bulk-overwrites the guild's commands with the definition, so re-running is safe", async () => {
    const options = {
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      apiUrl: discord.apiUrl,
      mode: "replace" as const,
    };
    const calls = callsFromNow();
    const first = await registerCommands(options);
    const second = await registerCommands(options);

    const puts = calls().filter((call) => call.method === "PUT");
    expect(puts.map((call) => call.path)).toEqual([
      `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
      `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
    ]);
    expect(puts.every((call) => call.authorization === `Bot ${BOT_TOKEN}`)).toBe(true);
    expect(puts[0]?.raw).toEqual(commandDefinitions());
    expect(puts[1]?.raw).toEqual(puts[0]?.raw);
    expect(first.map((command) => command.name)).toEqual(OUR_NAMES);
    expect(second.map((command) => command.name)).toEqual(OUR_NAMES);
  });

  it("registers globally when no guild is given", async () => {
    await registerCommands({
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      apiUrl: discord.apiUrl,
      mode: "replace",
    });
    expect(discord.calls.at(-1)?.method).toBe("PUT");
    expect(discord.calls.at(-1)?.path).toBe(`/applications/${APPLICATION_ID}/commands`);
    expect(discord.registeredCommands().map((command) => command.name)).toEqual(OUR_NAMES);
  });
});

describe("registerOptionsFromEnv", () => {
  it("reads the token, application, guild and API URL", () => {
    expect(
      registerOptionsFromEnv({
        DISCORD_TOKEN: " t0k ",
        DISCORD_APPLICATION_ID: "42",
        DISCORD_GUILD_ID: "7",
        DISCORD_API_URL: "http://127.0.0.1:1/api",
      }),
    ).toEqual({
      ok: true,
      options: {
        token: "t0k",
        applicationId: "42",
        guildId: "7",
        apiUrl: "http://127.0.0.1:1/api",
      },
    });
    expect(
      registerOptionsFromEnv({
        DISCORD_TOKEN: "t0k",
        DISCORD_APPLICATION_ID: "42",
        DISCORD_GUILD_ID: "",
      }),
    ).toEqual({
      ok: true,
      options: { token: "t0k", applicationId: "42" },
    });
  });

  it("names every missing variable, and never echoes the token", () => {
    const read = registerOptionsFromEnv({ DISCORD_TOKEN: "secret-t0k" });
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toEqual([expect.stringContaining("DISCORD_APPLICATION_ID is missing")]);
    expect(problems.join("\n")).not.toContain("secret-t0k");
    const none = registerOptionsFromEnv({});
    expect(none.ok ? [] : none.problems).toHaveLength(2);
  });
});
