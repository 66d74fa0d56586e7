import { afterEach, describe, expect, it } from "vitest";
import { type Harness, isResultEdit, smsInteraction, startHarness } from "./harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe("startDiscord's stop", () => {
  it("lets a page in progress finish, then disconnects from the gateway", async () => {
    harness = await startHarness({ latencyMs: 300 });
    const { discord, running } = harness;
    expect(discord.openConnections).toBe(1);
    const sent = discord.sendInteraction(smsInteraction({ to: "447700900601", message: "slow" }));
    await discord.waitForCall((call) => call.path.includes(`/interactions/${sent.id}/`));

    await running.stop();

    expect(discord.calls.some(isResultEdit(sent))).toBe(true);
    expect(running.client?.isReady()).toBe(false);
    await expect.poll(() => discord.openConnections).toBe(0);
  });
});
