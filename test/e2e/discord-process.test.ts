import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import {
  APPLICATION_ID,
  BOT_TOKEN,
  type FakeDiscord,
  startFakeDiscord,
} from "../discord/fake-discord.js";
import { callsOf, isResultEdit, resultMessages, smsInteraction } from "../discord/harness.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

const PIN = "73591142";
let discord: FakeDiscord;
let simulator: Simulator;
let bot: LiveCli;

beforeAll(async () => {
  discord = await startFakeDiscord();
  simulator = await startSimulator({ username: "ops.1", pin: PIN });
  bot = spawnCli(
    {
      DISCORD_TOKEN: BOT_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      PORT: String(await freePort()),
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: PIN,
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
    },
    ["--adapter", "discord"],
  );
  await bot.waitForLog(/"msg":"discord ready"/);
});

afterAll(async () => {
  await bot.stop();
  await simulator.close();
  await discord.close();
});

describe("npm start -- --adapter discord", () => {
  it("turns a flash /sms into one csoft request and a thread with both numbers", async () => {
    const sent = discord.sendInteraction(
      smsInteraction({ to: "447700900101,447700900115", message: "db1 is down", flash: true }),
    );
    await discord.waitForCall(isResultEdit(sent), 20_000);
    const calls = callsOf(discord, sent);
    expect(calls[0]?.path).toBe(`/interactions/${sent.id}/${sent.token}/callback`);
    expect((calls[0]?.at ?? Number.POSITIVE_INFINITY) - sent.sentAt).toBeLessThan(3_000);
    expect(calls.some((call) => call.path.endsWith("/threads"))).toBe(true);

    // One send; its code 15 then reads the balance (queryaccount) for the report.
    const sends = simulator.requests.filter(
      (request) => request.path === "/webservices/http/sendsms",
    );
    expect(sends).toHaveLength(1);
    expect(sends[0]?.params.get("FlashMessage")).toBe("db1 is down");

    const thread = JSON.stringify(resultMessages(calls));
    expect(thread).toContain("447700900101");
    expect(thread).toContain("447700900115");
    expect(thread).toMatch(/\b15\b/);
    expect(new Set(thread.match(/30106C[0-9A-F]{2}/g) ?? []).size).toBe(2);
    const everything = JSON.stringify(discord.calls.map((c) => c.raw)) + bot.stderr();
    expect(everything).not.toContain(PIN);
    expect(everything).not.toContain(BOT_TOKEN);
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await bot.stop("SIGTERM")).toBe(0);
  });
});
