// The Slack adapter in Socket Mode, end to end: apps.connections.open on the fake Web API hands
// out a local WebSocket, which greets the bot and delivers slash commands in envelopes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blockTexts } from "./blocks.js";
import {
  CALLER,
  CHANNEL,
  clickPayload,
  everythingPosted,
  type Harness,
  questionId,
  SECRETS,
  startHarness,
} from "./harness.js";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness("socket");
});

afterEach(async () => {
  await harness.close();
});

function socket() {
  if (!harness.socket) throw new Error("the harness runs over HTTP");
  return harness.socket;
}

/** Delivers `/sms <text>` and resolves with the time until the bot acknowledged the envelope. */
async function deliver(text: string, envelopeId: string): Promise<number> {
  const started = performance.now();
  socket().send({
    envelope_id: envelopeId,
    type: "slash_commands",
    accepts_response_payload: true,
    payload: harness.slashCommand(text, envelopeId),
  });
  await harness.slack.until(() => socket().received.some((m) => m.envelope_id === envelopeId));
  return performance.now() - started;
}

describe("Slack in Socket Mode", () => {
  it("connects with the app token through apps.connections.open", async () => {
    await socket().connected();
    const [open, ...more] = harness.slack.callsOf("apps.connections.open");
    expect(more).toEqual([]);
    expect(open?.token).toBe(SECRETS.appToken);
    expect(harness.slack.callsOf("auth.test").map((call) => call.token)).toEqual([
      SECRETS.botToken,
    ]);
  });

  it("acknowledges the envelope at once, then posts the parent and the thread", async () => {
    const ackMs = await deliver("447700900123,447700900115 db1 is down", "env-page");
    console.info(`Slack /sms in Socket Mode acknowledged in ${ackMs.toFixed(1)} ms`);
    expect(ackMs).toBeLessThan(3000);
    expect(socket().received).toEqual([{ envelope_id: "env-page", payload: {} }]);
    await harness.finish();

    const [parent, thread, ...more] = harness.slack.callsOf("chat.postMessage");
    expect(more).toEqual([]);
    expect(parent?.params.channel).toBe(CHANNEL);
    expect(blockTexts(parent?.params.blocks as unknown[])[0]).toBe(
      `:mega: <@${CALLER}> paged *2 recipients*: \`447700900123\`, \`447700900115\``,
    );
    expect(thread?.params.thread_ts).toBe(parent?.answer.ts);
    const texts = blockTexts(thread?.params.blocks as unknown[]);
    expect(texts[0]).toBe(":rotating_light: 1 FAILED of 2");
    expect(texts.join("\n")).toMatch(/`447700900123` · code -2 · .* · id `[0-9A-F]{8}`/);
    expect(harness.simulator.requests.map((r) => r.params.get("SendTo"))).toEqual([
      "447700900123,447700900115",
    ]);
  });

  it("answers help privately through response_url, and sends nothing", async () => {
    await deliver("help", "env-help");
    await harness.finish();
    expect(harness.slack.callsOf("chat.postMessage")).toEqual([]);
    expect(harness.simulator.requests).toEqual([]);
    expect(harness.slack.responses).toMatchObject([
      {
        id: "env-help",
        body: { response_type: "ephemeral", text: expect.stringMatching(/^```\/sms/) },
      },
    ]);
  });

  it("resolves a user group and keeps secrets out of messages and logs", async () => {
    harness.slack.setGroup("SONCALL", ["UALICE"]);
    harness.slack.setPhone("UALICE", "+44 7700 900001");
    await deliver("<!subteam^SONCALL|@oncall> db1 is down", "env-group");
    await harness.finish();
    expect(harness.simulator.requests.map((r) => r.params.get("SendTo"))).toEqual(["447700900001"]);
    expect(harness.logLines.length).toBeGreaterThan(0);
    const said = everythingPosted(harness) + harness.logLines.join("\n");
    for (const secret of Object.values(SECRETS)) expect(said).not.toContain(secret);
  });

  it("takes the Confirm click of a large page as an interactive envelope", async () => {
    const numbers = Array.from({ length: 11 }, (_, i) => `4477009003${String(i).padStart(2, "0")}`);
    await deliver(`${numbers.join(",")} db1 is down`, "env-large");
    const id = await questionId(harness);
    expect(harness.simulator.requests).toEqual([]);
    socket().send({
      envelope_id: "env-click",
      type: "interactive",
      accepts_response_payload: false,
      payload: clickPayload(harness, "sms_confirm", id),
    });
    await harness.slack.until(() => socket().received.some((m) => m.envelope_id === "env-click"));
    await harness.finish();
    expect(harness.simulator.requests.map((r) => r.params.get("SendTo"))).toEqual([
      numbers.join(","),
    ]);
    expect(harness.slack.responses.map((r) => r.body.text)).toContain("Confirmed: paging now.");
  });
});

describe("Slack in Socket Mode: connections", () => {
  it("opens the new connection before closing the old one when Slack asks for a refresh", async () => {
    await socket().connected();
    socket().refresh();
    // Sent right after the request, on the connection Slack asked to replace.
    const ackMs = await deliver("447700900123 first", "env-during");
    console.info(
      `Slack /sms right after a Socket Mode refresh acknowledged in ${ackMs.toFixed(1)} ms`,
    );
    await harness.slack.until(() => socket().events.includes("close 1"));
    expect(socket().events).toEqual(["open 1", "open 2", "close 1"]);
    expect(harness.bot.connected()).toBe(true);
    await deliver("447700900124 second", "env-after");
    await harness.finish();
    expect(harness.slack.callsOf("apps.connections.open")).toHaveLength(2);
    expect(harness.simulator.requests.map((r) => r.params.get("SendTo"))).toEqual([
      "447700900123",
      "447700900124",
    ]);
  });

  it("is not ready while no connection is open, and ready again once reconnected", async () => {
    await socket().connected();
    expect(harness.bot.connected()).toBe(true);
    harness.slack.setSocketUrl(undefined);
    socket().drop();
    await harness.slack.until(() => harness.bot.connected() === false);
    // apps.connections.open keeps failing: still not ready after further attempts.
    const attempts = harness.slack.callsOf("apps.connections.open").length;
    await harness.slack.until(
      () => harness.slack.callsOf("apps.connections.open").length >= attempts + 2,
    );
    expect(harness.bot.connected()).toBe(false);
    harness.slack.setSocketUrl(socket().url);
    await harness.slack.until(() => harness.bot.connected());
    expect(socket().events).toEqual(["open 1", "close 1", "open 2"]);
    await deliver("447700900123 back", "env-back");
    await harness.finish();
    expect(harness.simulator.requests).toHaveLength(1);
    expect(harness.bot.connected()).toBe(false);
  });

  it("connects again when the old connection is lost while its replacement is still opening", async () => {
    await socket().connected();
    harness.slack.setSocketUrl(socket().silentUrl);
    socket().refresh();
    await harness.slack.until(() => socket().events.includes("open 2"));
    harness.slack.setSocketUrl(socket().url);
    // The old one goes first, then the replacement Slack never greeted.
    socket().drop(1);
    await harness.slack.until(() => harness.bot.connected() === false);
    socket().drop(2);
    await harness.slack.until(() => harness.bot.connected());
    expect(socket().events).toEqual(["open 1", "open 2", "close 1", "close 2", "open 3"]);
    await deliver("447700900123 back", "env-back");
    await harness.finish();
    expect(harness.simulator.requests).toHaveLength(1);
  });

  it("ends a connection whose pings go unanswered, and connects again", async () => {
    await harness.close();
    harness = await startHarness("socket", { silentSocket: true });
    await socket().connected();
    await harness.slack.until(() => socket().events.includes("close 1"));
    await harness.slack.until(() => socket().events.includes("open 2"));
    expect(socket().events.slice(0, 3)).toEqual(["open 1", "close 1", "open 2"]);
  });

  it("acknowledges and ignores an envelope whose payload is null", async () => {
    await socket().connected();
    socket().send({ envelope_id: "env-null", type: "slash_commands", payload: null });
    await harness.slack.until(() => socket().received.some((m) => m.envelope_id === "env-null"));
    await deliver("447700900123 still here", "env-good");
    await harness.finish();
    expect(harness.simulator.requests).toHaveLength(1);
    expect(harness.logLines.join("")).toMatch(/Slack envelope the bot does not handle/);
  });
});
