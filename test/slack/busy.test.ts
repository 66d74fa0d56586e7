// A command beyond the bound on pages in flight, in Slack over HTTP: acknowledged, then answered
// privately that the bot is busy, and nothing is sent for it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, postToBot, startHarness } from "./harness.js";

let harness: Harness;

beforeEach(async () => {
  // Slow enough that the first page is still waiting on csoft when the second command comes.
  harness = await startHarness("http", { csoftLatencyMs: 500, pager: { maxInFlight: 1 } });
});

afterEach(() => harness.close());

describe("Slack: the bot busy with pages", () => {
  it("answers a command beyond the bound privately, and sends nothing for it", async () => {
    expect(await postToBot(harness, harness.slashCommand("447700900101 db1 is down", "a"))).toBe(
      200,
    );
    await harness.slack.until(() => harness.simulator.requests.length === 1);
    expect(await postToBot(harness, harness.slashCommand("447700900102 db1 is down", "b"))).toBe(
      200,
    );
    await harness.slack.until(() => harness.slack.responses.some((r) => r.id === "b"));
    await harness.finish();

    expect(harness.slack.responses.filter((r) => r.id === "b").map((r) => r.body)).toEqual([
      {
        response_type: "ephemeral",
        text: "The bot is busy with 1 page; nothing was sent — try again in a minute.",
      },
    ]);
    expect(harness.simulator.requests).toHaveLength(1);
    expect(harness.slack.callsOf("chat.postMessage")).toHaveLength(2);
  });
});
