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

describe("registerCommands", () => {
  it("bulk-overwrites the guild's commands with the definition, so re-running is safe", async () => {
    const options = {
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      guildId: GUILD_ID,
      apiUrl: discord.apiUrl,
    };
    const first = await registerCommands(options);
    const second = await registerCommands(options);

    const puts = discord.calls.filter((call) => call.method === "PUT");
    expect(puts.map((call) => call.path)).toEqual([
      `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
      `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`,
    ]);
    expect(puts.every((call) => call.authorization === `Bot ${BOT_TOKEN}`)).toBe(true);
    expect(puts[0]?.raw).toEqual(commandDefinitions());
    expect(puts[1]?.raw).toEqual(puts[0]?.raw);
    expect(first.map((command) => command.name)).toEqual([
      "sms",
      "sms-help",
      "sms-history",
      "sms-status",
    ]);
    expect(second.map((command) => command.name)).toEqual([
      "sms",
      "sms-help",
      "sms-history",
      "sms-status",
    ]);
  });

  it("registers globally when no guild is given", async () => {
    await registerCommands({
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      apiUrl: discord.apiUrl,
    });
    expect(discord.calls.at(-1)?.path).toBe(`/applications/${APPLICATION_ID}/commands`);
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
