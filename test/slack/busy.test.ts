// A command beyond the bound on commands in flight, in Slack over HTTP: answered privately in
// the acknowledgement that the bot is busy, and nothing is sent or queued for it.
import { afterEach, describe, expect, it } from "vitest";
import { CALLER, click, type Harness, postCommand, postToBot, startHarness } from "./harness.js";

let harness: Harness;

afterEach(() => harness.close());

describe("Slack: the bot busy with pages", () => {
  it("answers a command beyond the bound privately, and sends nothing for it", async () => {
    // Slow enough that the first page is still waiting on csoft when the second command comes.
    harness = await startHarness("http", { csoftLatencyMs: 500, pager: { maxInFlight: 1 } });
    expect(await postToBot(harness, harness.slashCommand("447700900101 db1 is down", "a"))).toBe(
      200,
    );
    await harness.slack.until(() => harness.simulator.requests.length === 1);
    const busy = await postCommand(harness, harness.slashCommand("447700900102 db1 is down", "b"));
    await harness.finish();

    expect(busy.status).toBe(200);
    expect(JSON.parse(busy.body)).toEqual({
      response_type: "ephemeral",
      text: "The bot is busy with 1 page; nothing was sent — try again in a minute.",
    });
    expect(harness.slack.responses.filter((r) => r.id === "b")).toEqual([]);
    expect(harness.simulator.requests).toHaveLength(1);
    expect(harness.slack.callsOf("chat.postMessage")).toHaveLength(2);
  });

  it("counts commands from their receipt: busy at once while the first two still resolve mentions", async () => {
    harness = await startHarness("http", { pager: { maxInFlight: 2 } });
    harness.slack.setPhone("UALICE", "+447700900001");
    harness.slack.setPhone("UBOB", "+447700900002");
    const lookups = harness.slack.hold("users.profile.get");
    expect(await postToBot(harness, harness.slashCommand("<@UALICE|alice> db1 is down", "a"))).toBe(
      200,
    );
    expect(await postToBot(harness, harness.slashCommand("<@UBOB|bob> db1 is down", "b"))).toBe(
      200,
    );
    try {
      await harness.slack.until(() => lookups.waiting === 2);
      const busy = await postCommand(
        harness,
        harness.slashCommand("447700900103 db1 is down", "c"),
      );
      expect(JSON.parse(busy.body)).toEqual({
        response_type: "ephemeral",
        text: "The bot is busy with 2 pages; nothing was sent — try again in a minute.",
      });
      // Neither of the first two had reached the pager: nothing was posted or sent yet.
      expect(lookups.waiting).toBe(2);
      expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
      expect(harness.simulator.requests).toEqual([]);
    } finally {
      // Also when an expectation fails: the bot stops only once both commands are done.
      lookups.release();
    }
    await harness.finish();
    expect(harness.simulator.requests.map((r) => r.params.get("SendTo")).sort()).toEqual([
      "447700900001",
      "447700900002",
    ]);
    expect(harness.slack.responses.filter((r) => r.id === "c")).toEqual([]);
  });

  it("answers a resend click beyond the bound privately that the bot is busy", async () => {
    harness = await startHarness("http", { pager: { maxInFlight: 1 } });
    harness.slack.setPhone("UALICE", "+447700900001");
    const lookups = harness.slack.hold("users.profile.get");
    try {
      await postToBot(harness, harness.slashCommand("<@UALICE|alice> db1 is down", "a"));
      await harness.slack.until(() => lookups.waiting === 1);
      expect(await click(harness, "sms_resend", "7")).toBe(200);
      await harness.slack.until(() => harness.slack.responses.length === 1);
    } finally {
      lookups.release();
    }
    await harness.finish();

    expect(harness.slack.responses.map((r) => [r.id, r.body])).toEqual([
      [
        `click-${CALLER}-sms_resend`,
        {
          response_type: "ephemeral",
          replace_original: false,
          text: "The bot is busy with 1 page; nothing was sent — try again in a minute.",
        },
      ],
    ]);
    expect(harness.simulator.requests.map((r) => r.params.get("SendTo"))).toEqual(["447700900001"]);
  });
});
