// Discord over HTTP, end to end: Discord's signed POSTs to the endpoint on PORT, answers through
// the fake Discord's interaction webhook, and exactly once across two instances on one store.
import { generateKeyPairSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { CONFIRM_REPLIES } from "../../src/report/confirm.js";
import { CHANNEL_ID } from "./fake-discord.js";
import {
  callsOf,
  isPrivateFollowUp,
  isResultEdit,
  resultMessages,
  smsInteraction,
} from "./harness.js";
import { type HttpHarness, post, postSigned, startHttpHarness } from "./http-harness.js";

const EPHEMERAL = 64;

let harness: HttpHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(instances = 1): Promise<HttpHarness> {
  harness = await startHttpHarness(instances);
  return harness;
}

describe("Discord over HTTP", () => {
  it("answers a signed PING with PONG", async () => {
    const { instances, privateKey } = await start();
    const answer = await postSigned(instances[0]?.url ?? "", { type: 1 }, privateKey);
    expect(answer).toEqual({ status: 200, json: { type: 1 } });
  });

  it("refuses a forged, missing or stale signature with 401, and sends nothing", async () => {
    const { instances, discord, simulator } = await start();
    const url = instances[0]?.url ?? "";
    const { payload } = discord.createInteraction(
      smsInteraction({ to: "447700900123", message: "forged" }),
    );
    const forger = generateKeyPairSync("ed25519").privateKey;
    expect((await postSigned(url, payload, forger)).status).toBe(401);
    expect((await post(url, JSON.stringify(payload), {})).status).toBe(401);
    const key = harness?.privateKey ?? forger;
    // Signed by the right key, but 16 minutes ago: a replay, refused.
    const stale = Date.now() - 16 * 60_000;
    expect((await postSigned(url, payload, key, stale)).status).toBe(401);
    const signed = await postSigned(url, { type: 1 }, key);
    expect(signed.status).toBe(200);
    expect(discord.calls).toEqual([]);
    expect(simulator.requests).toEqual([]);
  });

  it("defers a signed /sms, pages once, and posts the page and its results through the webhook", async () => {
    const { instances, discord, simulator, privateKey } = await start();
    const { sent, payload } = discord.createInteraction(
      smsInteraction({ to: "447700900101,447700900115", message: "db1 is down" }),
    );
    const answer = await postSigned(instances[0]?.url ?? "", payload, privateKey);
    expect(answer).toEqual({ status: 200, json: { type: 5, data: { flags: 0 } } });

    await discord.waitForCall(isResultEdit(sent));
    const calls = callsOf(discord, sent);
    expect(calls.some((call) => call.path.includes("/callback"))).toBe(false);
    const parent = calls.find(
      (call) => call.method === "PATCH" && call.path.endsWith(`${sent.token}/messages/@original`),
    );
    expect(parent?.body.content).toContain("paged 2 recipients");
    expect(parent?.authorization).toBeUndefined();
    const thread = calls.find((call) => call.path.endsWith("/threads"));
    expect(thread?.path).toBe(`/channels/${CHANNEL_ID}/messages/${sent.originalId}/threads`);
    expect(resultMessages(calls).flat().length).toBeGreaterThan(0);
    expect(simulator.requests).toHaveLength(1);
  });

  it("defers /sms-credit privately, as the gateway does, and answers through the webhook", async () => {
    const { instances, discord, privateKey } = await start();
    const { sent, payload } = discord.createInteraction({ name: "sms-credit" });
    const answer = await postSigned(instances[0]?.url ?? "", payload, privateKey);
    expect(answer.json).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await discord.waitForCall(
      (call) => call.method === "PATCH" && call.path.includes(sent.token),
    );
    expect(edit.body.content).toMatch(/csoft credit/);
  });

  it("asks before a large page and sends it once the Confirm click is posted", async () => {
    const { instances, discord, simulator, privateKey } = await start();
    const url = instances[0]?.url ?? "";
    const numbers = Array.from({ length: 12 }, (_, i) => `4477009003${String(i).padStart(2, "0")}`);
    const { sent, payload } = discord.createInteraction(
      smsInteraction({ to: numbers.join(","), message: "all hands" }),
    );
    expect((await postSigned(url, payload, privateKey)).status).toBe(200);
    const question = await discord.waitForCall(
      (call) => isPrivateFollowUp(sent)(call) && (call.body.components?.length ?? 0) > 0,
    );
    const confirm = question.body.components?.[0]?.components?.[0]?.custom_id ?? "";
    const click = discord.createInteraction({ button: { customId: confirm } });
    const answer = await postSigned(url, click.payload, privateKey);
    expect(answer.json).toMatchObject({ type: 7, data: { components: [] } });
    await discord.waitForCall(isResultEdit(sent));
    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]?.params.get("SendTo")?.split(",")).toHaveLength(12);
  });

  it("sends a question asked by one replica once, from a Confirm click posted to another", async () => {
    const { instances, discord, simulator, privateKey } = await start(2);
    const [asker, other] = instances.map((instance) => instance.url);
    const numbers = Array.from({ length: 12 }, (_, i) => `4477009004${String(i).padStart(2, "0")}`);
    const { sent, payload } = discord.createInteraction(
      smsInteraction({ to: numbers.join(","), message: "all hands" }),
    );
    expect((await postSigned(asker ?? "", payload, privateKey)).status).toBe(200);
    const question = await discord.waitForCall(
      (call) => isPrivateFollowUp(sent)(call) && (call.body.components?.length ?? 0) > 0,
    );
    const confirm = question.body.components?.[0]?.components?.[0]?.custom_id ?? "";
    const click = discord.createInteraction({ button: { customId: confirm } });
    // The replica that did not ask defers publicly; the page then answers the click itself.
    const answer = await postSigned(other ?? "", click.payload, privateKey);
    expect(answer).toEqual({ status: 200, json: { type: 5, data: { flags: 0 } } });
    // The same click retried to the asking replica is claimed already: 409, nothing answered.
    expect((await postSigned(asker ?? "", click.payload, privateKey)).status).toBe(409);
    await discord.waitForCall(isResultEdit(click.sent));
    // A later click, on either replica, finds the question answered.
    const again = discord.createInteraction({ button: { customId: confirm } });
    expect((await postSigned(asker ?? "", again.payload, privateKey)).json).toMatchObject({
      type: 4,
      data: { content: CONFIRM_REPLIES.stale, flags: EPHEMERAL },
    });
    for (const instance of instances) await instance.running.stop();
    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]?.params.get("SendTo")?.split(",")).toHaveLength(12);
  });

  it("pages once when the same interaction reaches two instances at once", async () => {
    const { instances, discord, simulator, privateKey } = await start(2);
    const { sent, payload } = discord.createInteraction(
      smsInteraction({ to: "447700900123", message: "twice delivered" }),
    );
    const answers = await Promise.all(
      instances.map((instance) => postSigned(instance.url, payload, privateKey)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 200)?.json).toEqual({
      type: 5,
      data: { flags: 0 },
    });
    await discord.waitForCall(isResultEdit(sent));
    for (const instance of instances) await instance.running.stop();
    expect(simulator.requests).toHaveLength(1);
    const parents = discord.calls.filter(
      (call) => call.method === "PATCH" && call.path.endsWith(`${sent.token}/messages/@original`),
    );
    // The parent once, then its result: one page posted.
    expect(parents).toHaveLength(2);
    const skipped = instances.flatMap((instance) => instance.logLines).join("");
    expect(skipped).toContain("interaction claimed by another delivery");
  });
});
