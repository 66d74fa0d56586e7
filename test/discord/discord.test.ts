import { GatewayIntentBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embedLength } from "../../adapters/discord/embeds.js";
import { DISCORD_LIMITS } from "../../adapters/discord/limits.js";
import { BOT_TOKEN, CHANNEL_ID, USER } from "./fake-discord.js";
import {
  CSOFT_PIN,
  callsOf,
  confirmLargePage,
  fieldsOf,
  type Harness,
  isPrivateFollowUp,
  isResultEdit,
  resultMessages,
  smsInteraction,
  startHarness,
} from "./harness.js";

const EPHEMERAL = 64;
const DEFERRED_CHANNEL_MESSAGE = 5;
const CHANNEL_MESSAGE = 4;

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

function numbers(count: number, failingEvery = 0): string[] {
  return Array.from({ length: count }, (_, i) => {
    const fails = failingEvery > 0 && i % failingEvery === 0;
    // Numbers ending in 15 get report code 15 (out of credit) from the simulator; others end in 2 (accepted).
    return fails
      ? `4477008${String(i).padStart(3, "0")}15`
      : `4477009${String(i).padStart(4, "0")}2`;
  });
}

describe("the Discord adapter, against a fake Discord and the csoft simulator", () => {
  it("connects with the Guilds intent only, and logs the log-in and ready", () => {
    const identify = harness.discord.gatewayReceived.find((payload) => payload.op === 2);
    expect(identify?.d).toMatchObject({ intents: GatewayIntentBits.Guilds });
    const messages = harness.logLines.map((line) => JSON.parse(line).msg);
    expect(messages).toContain("discord logging in");
    expect(messages).toContain("discord ready");
    expect(harness.running.client?.isReady()).toBe(true);
  });

  it("defers within 3 s, posts the page, and puts every number's result in a thread on it", async () => {
    const requestsBefore = harness.simulator.requests.length;
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900101,447700900115", message: "db1 is down" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const calls = callsOf(harness.discord, sent);

    const [callback] = calls;
    expect(callback?.path).toBe(`/interactions/${sent.id}/${sent.token}/callback`);
    expect(callback?.body).toEqual({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: 0 } });
    expect((callback?.at ?? Number.POSITIVE_INFINITY) - sent.sentAt).toBeLessThan(3000);

    const parent = calls.find((call) => call.method === "PATCH");
    expect(parent?.body.content).toBe(
      `<@${USER.id}> paged 2 recipients: 447700900101, 447700900115`,
    );
    expect(parent?.body.embeds?.[0]?.description).toBe("db1 is down");
    expect(parent?.body.allowed_mentions).toEqual({ parse: [] });

    const thread = calls.find((call) => call.path.endsWith("/threads"));
    expect(thread?.path).toBe(`/channels/${CHANNEL_ID}/messages/${sent.originalId}/threads`);
    expect(thread?.body.name).toBe("SMS 447700900101 +1: db1 is down");

    const messages = resultMessages(calls);
    expect(
      calls.filter((call) => call.method === "POST" && call.path.startsWith("/channels/")),
    ).toHaveLength(messages.length + 1);
    const fields = fieldsOf(messages);
    expect(fields.map((field) => field.name)).toEqual(["🔴 447700900115", "🟢 447700900101"]);
    expect(fields[0]?.value).toMatch(/^code 15 · .+\nid `[0-9A-F]{8}` · primary$/);
    expect(fields[1]?.value).toMatch(/^code -2 · .+\nid `[0-9A-F]{8}` · primary$/);
    expect(messages.flat().map((embed) => embed.title)).toEqual([
      "FAILED · 1",
      "accepted · 1",
      "Summary",
    ]);

    const result = harness.discord.calls.find(isResultEdit(sent));
    const resultField = result?.body.embeds?.[0]?.fields?.find((field) => field.name === "Result");
    expect(resultField?.value).toContain("2 sent: 1 failed, 1 accepted");
    expect(resultField?.value).toContain(`<#${sent.originalId}>`);
    expect(harness.simulator.requests.length - requestsBefore).toBe(1);
  });

  it.each([
    {
      name: "flash, delay, service and reply_to",
      fields: { flash: true, delay: "2h", service: "premier", reply_to: "447700900999" },
      expected: {
        FlashMessage: "hello",
        Message: null,
        SendTimeDelay: "120",
        DeliveryServiceOption: "Premier",
        ReplyTo: "447700900999",
        SendTimeAbsolute: null,
      },
    },
    {
      name: "at and the economy service",
      fields: { at: "2030-06-01T09:30Z", service: "economy" },
      expected: {
        Message: "hello",
        FlashMessage: null,
        SendTimeAbsolute: "2030-06-01T09:30:00",
        SendTimeDelay: null,
        DeliveryServiceOption: "Economy",
      },
    },
  ])("maps $name to csoft's parameters", async ({ fields, expected }) => {
    const before = harness.simulator.requests.length;
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900123", message: "hello", ...fields }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const requests = harness.simulator.requests.slice(before);
    expect(requests).toHaveLength(1);
    const params = requests[0]?.params;
    for (const [name, value] of Object.entries(expected)) expect(params?.get(name)).toBe(value);
    expect(params?.get("SendTo")).toBe("447700900123");
  });

  it("splits a 700-number page over thread messages within Discord's embed limits", async () => {
    const to = numbers(700, 50);
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: to.join(","), message: "all hands" }),
    );
    // More than 10 numbers asks first; the caller confirms with the button.
    await confirmLargePage(harness.discord, sent);
    await harness.discord.waitForCall(isResultEdit(sent));
    const messages = resultMessages(callsOf(harness.discord, sent));

    expect(messages.length).toBeGreaterThan(1);
    for (const embeds of messages) {
      expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
      const total = embeds.reduce((sum, embed) => sum + embedLength(embed), 0);
      expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.charactersPerMessage);
      for (const embed of embeds) {
        expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fieldsPerEmbed);
        for (const field of embed.fields ?? []) {
          expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
          expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
        }
      }
    }
    const listed = fieldsOf(messages).map((field) => field.name.split(" ")[1]);
    expect([...listed].sort()).toEqual([...to].sort());
    const failing = to.filter((number) => number.endsWith("15"));
    expect(listed.slice(0, failing.length)).toEqual(failing);
    expect(messages.at(-1)?.at(-1)?.description).toContain("700 sent: 14 failed, 686 accepted");
  });

  it.each([
    { to: "07700900123", says: "`07700900123` is not an international number" },
    { to: "447700900123", delay: "30m", at: "2030-06-01T09:30Z", says: "Example:" },
    { to: "447700900123", delay: "forever", says: "Example:" },
  ])("answers bad input ($to) privately and sends nothing", async ({ says, ...fields }) => {
    const before = harness.simulator.requests.length;
    const sent = harness.discord.sendInteraction(smsInteraction({ message: "hello", ...fields }));
    const reply = await harness.discord.waitForCall(isPrivateFollowUp(sent));
    expect(reply.body.content).toContain(says);
    const calls = callsOf(harness.discord, sent);
    // The public "thinking…" is withdrawn before the private answer, so the channel keeps nothing.
    expect(calls.map((call) => call.method)).toEqual(["POST", "DELETE", "POST"]);
    expect(calls[1]?.path).toBe(
      `/webhooks/${harness.running.client?.application?.id}/${sent.token}/messages/@original`,
    );
    expect(harness.simulator.requests.length).toBe(before);
  });

  it("refuses a user mention clearly, privately and at once, and sends nothing", async () => {
    const before = harness.simulator.requests.length;
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900123,<@100000000000000009>", message: "hello" }),
    );
    const callback = await harness.discord.waitForCall(
      (call) => call.path === `/interactions/${sent.id}/${sent.token}/callback`,
    );
    expect(callback.body.type).toBe(CHANNEL_MESSAGE);
    expect(callback.body.data?.flags).toBe(EPHEMERAL);
    expect(callback.body.data?.content).toContain(
      "<@100000000000000009>: Discord profiles have no phone numbers; use a number, or a contacts-directory name once configured",
    );
    expect(callback.body.data?.allowed_mentions).toEqual({ parse: [] });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(callsOf(harness.discord, sent)).toHaveLength(1);
    expect(harness.simulator.requests.length).toBe(before);
  });

  it("answers /sms-help privately with every option of the command", async () => {
    const sent = harness.discord.sendInteraction({ name: "sms-help" });
    const callback = await harness.discord.waitForCall((call) => call.path.includes(sent.token));
    expect(callback.body.type).toBe(CHANNEL_MESSAGE);
    expect(callback.body.data?.flags).toBe(EPHEMERAL);
    const content = callback.body.data?.content ?? "";
    for (const name of ["to", "message", "flash", "delay", "at", "service", "reply_to"]) {
      expect(content).toContain(`\`${name}\``);
    }
    expect(content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  });

  it("posts the results as follow-ups in a DM, where there is no thread", async () => {
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900201,447700900215", message: "dm page" }, { dm: true }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const calls = callsOf(harness.discord, sent);
    expect(calls.some((call) => call.path.endsWith("/threads"))).toBe(false);
    const followUps = calls.filter(
      (call) => call.method === "POST" && call.path.endsWith(sent.token),
    );
    expect(fieldsOf(followUps.map((call) => call.body.embeds ?? [])).map((f) => f.name)).toEqual([
      "🔴 447700900215",
      "🟢 447700900201",
    ]);
    expect(followUps.every((call) => call.body.flags === undefined || call.body.flags === 0)).toBe(
      true,
    );
    const result = harness.discord.calls.find(isResultEdit(sent));
    expect(JSON.stringify(result?.body.embeds)).toContain("the replies below");
  });

  it("falls back to follow-ups when Discord refuses to start the thread", async () => {
    harness.discord.failNext("POST", /\/threads$/, 403, {
      message: "Missing Permissions",
      code: 50013,
    });
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900301", message: "no perms" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const calls = callsOf(harness.discord, sent);
    expect(calls.filter((call) => call.path.endsWith("/threads"))).toHaveLength(1);
    const followUps = calls.filter(
      (call) => call.method === "POST" && call.path.endsWith(sent.token),
    );
    expect(fieldsOf(followUps.map((call) => call.body.embeds ?? [])).map((f) => f.name)).toEqual([
      "🟢 447700900301",
    ]);
  });

  it("tells the caller privately and sends nothing when the page cannot be posted", async () => {
    harness.discord.failNext("PATCH", /@original$/, 403, {
      message: "Missing Access",
      code: 50001,
    });
    const before = harness.simulator.requests.length;
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900401", message: "hidden" }),
    );
    const reply = await harness.discord.waitForCall(isPrivateFollowUp(sent));
    expect(reply.body.content).toBe(
      "Discord did not let me post the page here (Missing Access). Nothing was sent.",
    );
    expect(harness.simulator.requests.length).toBe(before);
  });

  it("never puts the PIN or a token in a Discord message or a log line", async () => {
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900501", message: "last" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const authorized = harness.discord.calls.filter((call) => call.authorization !== undefined);
    // The token is in use (so its absence elsewhere means something), only in the header.
    expect(authorized.every((call) => call.authorization === `Bot ${BOT_TOKEN}`)).toBe(true);
    expect(authorized.length).toBeGreaterThan(0);
    expect(harness.simulator.requests.some((r) => r.params.get("PIN") === CSOFT_PIN)).toBe(true);

    const interactionTokens = harness.discord.calls
      .map((call) => /\/webhooks\/\d+\/([^/]+)/.exec(call.path)?.[1])
      .filter((token): token is string => token !== undefined);
    expect(interactionTokens.length).toBeGreaterThan(0);
    const secrets = [BOT_TOKEN, CSOFT_PIN, ...new Set(interactionTokens)];
    const bodies = harness.discord.calls.map((call) => JSON.stringify(call.raw ?? ""));
    expect(harness.logLines.length).toBeGreaterThan(5);
    for (const text of [...bodies, ...harness.logLines]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
