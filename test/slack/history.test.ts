// /sms history in Slack: the bot's own mentions render as people, what people typed stays text.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CALLER, type Harness, postCommand, startHarness } from "./harness.js";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness("http");
});

afterEach(async () => {
  await harness.close();
});

describe("Slack: /sms history", () => {
  it("shows who paged as a mention, and the message escaped", async () => {
    // As Slack sends it: the characters people typed, escaped.
    await postCommand(harness, harness.slashCommand("447700900123 a &lt;b&gt; &amp; c", "page"));
    await harness.slack.until(() =>
      harness.slack.callsOf("chat.postMessage").some((call) => call.params.thread_ts),
    );
    await postCommand(harness, harness.slashCommand("history", "history"));
    await harness.finish();
    const answer = harness.slack.responses.find((r) => r.id === "history")?.body.text;
    expect(answer).toContain(` slack <@${CALLER}> → 447700900123 "a &lt;b&gt; &amp; c"`);
    expect(answer).not.toContain("&lt;@");
  });
});
