// Correctly signed requests whose body is not something the bot handles: each is answered 400
// before Bolt sees it, nothing is sent, and the bot keeps answering good commands.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, postSigned, sign, startHarness } from "./harness.js";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness("http");
});

afterEach(async () => {
  await harness.close();
});

const endpoint = () => `http://127.0.0.1:${harness.bot.port}/slack/events`;

/** POSTs a JSON body signed with the app's signing secret. */
async function postJson(body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(endpoint(), {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": sign(body, timestamp),
    },
    body,
  });
  await response.text();
  return response.status;
}

async function postPayload(payload: string): Promise<number> {
  const response = await postSigned(endpoint(), { payload });
  await response.text();
  return response.status;
}

const userless = (type: string, extra: object) =>
  JSON.stringify({ type, team: { id: "T0001" }, ...extra });

describe("Slack over HTTP: signed bodies the bot does not handle", () => {
  it.each([
    ["JSON null", () => postJson("null")],
    ["a JSON array", () => postJson("[]")],
    ["a JSON number", () => postJson("42")],
    ["payload=null", () => postPayload("null")],
    ['payload="text"', () => postPayload('"text"')],
    ["a view_submission without a user", () => postJson('{"type":"view_submission","view":{}}')],
    [
      "an interactive_message without a user",
      () => postPayload(userless("interactive_message", { actions: [{ name: "x" }] })),
    ],
    [
      "a Confirm click without a user",
      () =>
        postPayload(
          userless("block_actions", {
            actions: [{ type: "button", action_id: "sms_confirm", value: "x" }],
          }),
        ),
    ],
  ])("answers %s with 400, sends nothing, and still pages afterwards", async (_name, post) => {
    expect(await post()).toBe(400);
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
    expect(harness.logLines.join("")).toMatch(
      /signed Slack request of a shape the bot does not handle/,
    );

    const good = await postSigned(
      endpoint(),
      harness.slashCommand("447700900123 db1 is down", "ok"),
    );
    expect(good.status).toBe(200);
    await harness.finish();
    expect(harness.simulator.requests.map((r) => r.params.get("SendTo"))).toEqual(["447700900123"]);
  });

  it("still answers Slack's url_verification and ssl_check", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({ type: "url_verification", challenge: "c-123" });
    const verification = await fetch(endpoint(), {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": String(timestamp),
        "X-Slack-Signature": sign(body, timestamp),
      },
      body,
    });
    expect(verification.status).toBe(200);
    expect(await verification.json()).toEqual({ challenge: "c-123" });
    const check = await postSigned(endpoint(), { ssl_check: "1", token: "t" });
    expect(check.status).toBe(200);
  });

  it("leaves an unsigned body to the signature check: 401", async () => {
    const response = await postSigned(endpoint(), { payload: "null" }, { signature: "v0=00" });
    expect(response.status).toBe(401);
  });
});
