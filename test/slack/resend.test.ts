// The "Resend to the N unknown numbers" button in Slack, end to end over HTTP: shown privately
// to the requester, one click resends exactly the unknown numbers once, nobody else can click it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { losesFirstAnswer } from "../support/lossy-csoft.js";
import { CALLER, CHANNEL, click, type Harness, postToBot, startHarness } from "./harness.js";

let harness: Harness;

beforeEach(async () => {
  // The first request to a number ending in 99 reaches csoft, and its answer is lost.
  harness = await startHarness("http", { losesAnswer: losesFirstAnswer() });
});

afterEach(() => harness.close());

interface Offer {
  response_type?: string;
  text?: string;
  blocks?: { elements?: { action_id: string; value: string; text: { text: string } }[] }[];
}

async function theOffer(): Promise<Offer> {
  const isOffer = (body: Offer) => body.blocks?.[1]?.elements?.[0]?.action_id === "sms_resend";
  await harness.slack.until(() => harness.slack.responses.some((r) => isOffer(r.body as Offer)));
  return harness.slack.responses.find((r) => isOffer(r.body as Offer))?.body as Offer;
}

const answersTo = (userId: string) =>
  harness.slack.responses
    .filter((r) => r.id === `click-${userId}-sms_resend`)
    .map((r) => r.body.text);

describe("Slack: resending to the numbers whose answer was lost", () => {
  it("offers the requester a private button; one click resends the unknown numbers once", async () => {
    const command = harness.slashCommand("447700900199,447700900123 db1 is down", "cmd");
    expect(await postToBot(harness, command)).toBe(200);

    const offer = await theOffer();
    expect(offer.response_type).toBe("ephemeral");
    expect(offer.text).toMatch(/may receive it twice/);
    const button = offer.blocks?.[1]?.elements?.[0];
    expect(button?.text.text).toBe("Resend to the 2 unknown numbers");
    expect(harness.simulator.requests).toHaveLength(1);

    expect(await click(harness, "sms_resend", button?.value ?? "", "UOTHER")).toBe(200);
    await harness.slack.until(() => answersTo("UOTHER").length > 0);
    expect(answersTo("UOTHER")).toEqual([
      "Only the person who sent page #1 can resend it. Nothing was sent.",
    ]);

    expect(await click(harness, "sms_resend", button?.value ?? "")).toBe(200);
    await harness.slack.until(() => harness.simulator.requests.length === 2);
    expect(await click(harness, "sms_resend", button?.value ?? "")).toBe(200);
    await harness.slack.until(() => answersTo(CALLER).length > 0);
    await harness.finish();

    expect(harness.simulator.requests).toHaveLength(2);
    expect(harness.simulator.requests[1]?.params.get("SendTo")).toBe("447700900199,447700900123");
    expect(answersTo(CALLER)).toEqual([
      "Page #1 was already resent to its unknown numbers: nothing more was sent. See /sms history.",
    ]);
    // The resend is a page like any other: in the channel, with its results in the thread.
    const posts = harness.slack.callsOf("chat.postMessage").map((call) => call.params);
    expect(posts.filter((post) => post.thread_ts === undefined)).toHaveLength(2);
    expect(posts.every((post) => post.channel === CHANNEL)).toBe(true);
  });
});
