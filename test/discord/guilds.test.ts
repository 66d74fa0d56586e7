// DISCORD_ALLOW_GUILDS: the bot answers only in the servers it is set up for, end to end with the
// real discord.js Client against a fake Discord, and the csoft simulator.
import { afterEach, describe, expect, it } from "vitest";
import { discord as descriptor } from "../../adapters/discord/descriptor.js";
import { loadConfig, settingsOf } from "../../app/config.js";
import { GUILD_ID, type RecordedCall, type SentInteraction } from "./fake-discord.js";
import { type Harness, isResultEdit, smsInteraction, startHarness } from "./harness.js";

const OTHER_GUILD_ID = "100000000000000099";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const callbackOf = (sent: SentInteraction) => (call: RecordedCall) =>
  call.method === "POST" && call.path === `/interactions/${sent.id}/${sent.token}/callback`;

function warnings(h: Harness): { msg: string; guild?: string | null }[] {
  return h.logLines.map((line) => JSON.parse(line)).filter((entry) => entry.level === 40);
}

describe("DISCORD_ALLOW_GUILDS", () => {
  it("is read as a list of server ids, and left out when empty", () => {
    const discord = { CSOFT_SIMULATOR: "true", DISCORD_TOKEN: "d", DISCORD_APPLICATION_ID: "42" };
    const listed = loadConfig({ ...discord, DISCORD_ALLOW_GUILDS: ` ${GUILD_ID}, 7 ,` });
    expect(settingsOf(listed, descriptor)?.allowGuilds).toEqual([GUILD_ID, "7"]);
    const unset = loadConfig({ ...discord, DISCORD_ALLOW_GUILDS: "" });
    expect(settingsOf(unset, descriptor)).not.toHaveProperty("allowGuilds");
  });

  it("refuses a command from another server privately, logs it, and sends nothing", async () => {
    harness = await startHarness({ allowGuilds: [OTHER_GUILD_ID] });
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900123", message: "db1 is down" }),
    );
    const refusal = await harness.discord.waitForCall(callbackOf(sent));
    await harness.running.stop();
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(refusal.body.data?.content).toMatch(/not set up for this server.*Nothing was sent\./);
    expect(harness.simulator.requests).toEqual([]);
    expect(warnings(harness)).toEqual([
      expect.objectContaining({
        msg: "discord command refused: server not allowed",
        guild: GUILD_ID,
      }),
    ]);
  });

  it("refuses a command from outside any server (a DM) the same way", async () => {
    harness = await startHarness({ allowGuilds: [GUILD_ID] });
    const sent = harness.discord.sendInteraction({ name: "sms-history", dm: true });
    const refusal = await harness.discord.waitForCall(callbackOf(sent));
    await harness.running.stop();
    expect(refusal.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(refusal.body.data?.content).toMatch(
      /only in the channels of a server.*Nothing was sent\./,
    );
    expect(warnings(harness)).toEqual([
      expect.objectContaining({ msg: "discord command refused: server not allowed", guild: null }),
    ]);
  });

  it("pages from an allowed server as usual", async () => {
    harness = await startHarness({ allowGuilds: [OTHER_GUILD_ID, GUILD_ID] });
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900123", message: "db1 is down" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    await harness.running.stop();
    expect(harness.simulator.requests).toHaveLength(1);
    expect(warnings(harness)).toEqual([]);
  });
});
