// Commands beyond the bound on commands in flight, in Discord: counted from the interaction's
// arrival, so one that comes while the first ones still wait on their deferral is answered
// privately, at once, that the bot is busy, and nothing is sent or queued for it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RecordedCall } from "./fake-discord.js";
import { callsOf, type Harness, isResultEdit, smsInteraction, startHarness } from "./harness.js";

const EPHEMERAL = 64;
const DEFERRED_CHANNEL_MESSAGE = 5;
const CHANNEL_MESSAGE = 4;

const isDeferral = (call: RecordedCall) =>
  call.path.endsWith("/callback") && call.body.type === DEFERRED_CHANNEL_MESSAGE;

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness({ pager: { maxInFlight: 2 } });
});

afterEach(() => harness.close());

describe("Discord: the bot busy with pages", () => {
  it("answers busy at once while the first two commands still wait on Discord before the pager", async () => {
    const release = harness.discord.hold(isDeferral);
    const first = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900101", message: "db1 is down" }),
    );
    const second = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900102", message: "db1 is down" }),
    );
    let third: ReturnType<typeof harness.discord.sendInteraction> | undefined;
    try {
      await harness.discord.waitForCall(
        (call) => isDeferral(call) && call.path.includes(second.id),
      );
      await harness.discord.waitForCall((call) => isDeferral(call) && call.path.includes(first.id));
      third = harness.discord.sendInteraction(
        smsInteraction({ to: "447700900103", message: "db1 is down" }),
      );
      const sent = third;
      const answer = await harness.discord.waitForCall((call) =>
        call.path.includes(`/interactions/${sent.id}/`),
      );
      expect(answer.body).toMatchObject({
        type: CHANNEL_MESSAGE,
        data: {
          content: "The bot is busy with 2 pages; nothing was sent — try again in a minute.",
          flags: EPHEMERAL,
        },
      });
      // Neither of the first two had reached the pager: nothing was sent yet.
      expect(harness.simulator.requests).toEqual([]);
    } finally {
      // Also when an expectation fails: the bot stops only once both commands are done.
      release();
    }
    await harness.discord.waitForCall(isResultEdit(first));
    await harness.discord.waitForCall(isResultEdit(second));
    await harness.running.stop();

    expect(harness.simulator.requests.map((r) => r.params.get("SendTo")).sort()).toEqual([
      "447700900101",
      "447700900102",
    ]);
    expect(callsOf(harness.discord, third)).toHaveLength(1);
  });
});
