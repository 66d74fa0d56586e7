// Exactly once and confirmation in Slack, end to end over HTTP: a retried slash command, and
// the Confirm / Cancel buttons of a large page as block_actions payloads.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONFIRM_REPLIES } from "../../src/report/confirm.js";
import {
  CALLER,
  click as clickOver,
  type Harness,
  postToBot,
  questionId as questionOf,
  startHarness,
} from "./harness.js";

let harness: Harness;
const postSigned = (fields: Record<string, string>, headers?: Record<string, string>) =>
  postToBot(harness, fields, headers);
const click = (actionId: "sms_confirm" | "sms_cancel", value: string, userId?: string) =>
  clickOver(harness, actionId, value, userId);
const questionId = () => questionOf(harness);

beforeEach(async () => {
  harness = await startHarness("http");
});

afterEach(async () => {
  await harness.close();
});

const commandBody = (text: string, id: string) => harness.slashCommand(text, id);

const numbers = Array.from({ length: 12 }, (_, i) => `4477009002${String(i).padStart(2, "0")}`);

describe("Slack: exactly once", () => {
  it("sends once when Slack retries a slash command with the same trigger_id", async () => {
    const body = commandBody("447700900123 db1 is down", "cmd");
    expect(await postSigned(body)).toBe(200);
    expect(
      await postSigned(body, { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" }),
    ).toBe(200);
    await harness.finish();
    expect(harness.simulator.requests).toHaveLength(1);
    expect(harness.slack.callsOf("chat.postMessage")).toHaveLength(2);
    expect(harness.logLines.join("")).toMatch(/handled already and is not run again/);
  });
});

describe("Slack: confirmation of a large page", () => {
  it("asks privately with buttons, and sends once the requester confirms", async () => {
    expect(await postSigned(commandBody(`${numbers.join(",")} db1 is down`, "cmd"))).toBe(200);
    const id = await questionId();
    const question = harness.slack.responses.find((r) => r.body.blocks)?.body;
    expect(question).toMatchObject({ response_type: "ephemeral" });
    expect(question?.text).toMatch(/this pages 12 numbers/);
    expect(harness.simulator.requests).toEqual([]);

    expect(await click("sms_confirm", id, "UOTHER")).toBe(200);
    await harness.slack.until(() => harness.slack.responses.some((r) => r.id.includes("UOTHER")));
    const refusal = harness.slack.responses.find((r) => r.id.includes("UOTHER"))?.body;
    expect(refusal).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(refusal?.text).toBe(`Only <@${CALLER}> can confirm or cancel this page.`);
    expect(harness.simulator.requests).toEqual([]);

    expect(await click("sms_confirm", id)).toBe(200);
    expect(await click("sms_confirm", id)).toBe(200);
    await harness.finish();
    expect(harness.simulator.requests).toHaveLength(1);
    const answers = harness.slack.responses.filter((r) => r.id === `click-${CALLER}-sms_confirm`);
    // The second click changed nothing, and was told so privately.
    expect(answers.map((r) => r.body)).toEqual([
      { replace_original: true, text: "Confirmed: paging now." },
      { response_type: "ephemeral", replace_original: false, text: CONFIRM_REPLIES.stale },
    ]);
  });

  it("sends nothing when the requester cancels, and says so once", async () => {
    await postSigned(commandBody(`${numbers.join(",")} db1 is down`, "cmd"));
    const id = await questionId();
    await click("sms_cancel", id);
    await harness.finish();
    expect(harness.simulator.requests).toEqual([]);
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
    // The question goes; the answer is said once.
    const clickAnswers = harness.slack.responses.filter(
      (r) => r.id === `click-${CALLER}-sms_cancel`,
    );
    expect(clickAnswers.map((r) => r.body)).toEqual([{ delete_original: true }]);
    const said = harness.slack.responses.map((r) => r.body.text);
    expect(said.filter((text) => text === CONFIRM_REPLIES.cancelled)).toHaveLength(1);
  });

  it("tells whoever clicks an expired question so, privately", async () => {
    await postSigned(commandBody(`${numbers.join(",")} db1 is down`, "cmd"));
    const id = await questionId();
    // A question this bot never asked, or one long gone: the same to the clicker.
    expect(await click("sms_confirm", "00000000-0000-4000-8000-000000000000")).toBe(200);
    await harness.slack.until(() =>
      harness.slack.responses.some((r) => r.id === `click-${CALLER}-sms_confirm`),
    );
    const answer = harness.slack.responses.find((r) => r.id === `click-${CALLER}-sms_confirm`);
    expect(answer?.body).toEqual({
      response_type: "ephemeral",
      replace_original: false,
      text: CONFIRM_REPLIES.stale,
    });
    await click("sms_cancel", id);
    await harness.finish();
    expect(harness.simulator.requests).toEqual([]);
  });
});

describe("Slack in Socket Mode: exactly once", () => {
  it("sends once when the same envelope is delivered twice", async () => {
    await harness.close();
    harness = await startHarness("socket");
    const socket = harness.socket;
    if (!socket) throw new Error("the harness runs over HTTP");
    await socket.connected();
    const envelope = {
      envelope_id: "env-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: harness.slashCommand("447700900123 db1 is down", "env-1"),
    };
    socket.send(envelope);
    socket.send({ ...envelope, retry_attempt: 1, retry_reason: "timeout" });
    await harness.slack.until(
      () => socket.received.filter((m) => m.envelope_id === "env-1").length === 2,
    );
    await harness.finish();
    expect(harness.simulator.requests).toHaveLength(1);
    expect(harness.slack.callsOf("chat.postMessage")).toHaveLength(2);
  });
});
