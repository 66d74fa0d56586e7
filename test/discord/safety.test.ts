// Exactly once, permissions, confirmation buttons and the audit commands in Discord, end to end:
// the real discord.js Client against a fake Discord, and the csoft simulator.
import { afterEach, describe, expect, it } from "vitest";
import { OPEN_POLICY } from "../../src/access/policy.js";
import { CONFIRM_REPLIES } from "../../src/report/confirm.js";
import { until } from "../support/manual-timer.js";
import {
  CHANNEL_ID,
  ONCALL_ROLE_ID,
  type RecordedCall,
  type SentInteraction,
} from "./fake-discord.js";
import {
  type Harness,
  isPrivateFollowUp,
  isResultEdit,
  smsInteraction,
  startHarness,
} from "./harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

async function start(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  harness = await startHarness(options);
  return harness;
}

const callbackOf = (sent: SentInteraction) => (call: RecordedCall) =>
  call.method === "POST" && call.path === `/interactions/${sent.id}/${sent.token}/callback`;

const numbers = Array.from({ length: 12 }, (_, i) => `4477009002${String(i).padStart(2, "0")}`);

describe("Discord: exactly once", () => {
  it("sends once when the same interaction is delivered twice", async () => {
    const { discord, simulator, running } = await start();
    const sent = discord.sendInteraction(smsInteraction({ to: "447700900123", message: "hi" }));
    await discord.waitForCall(callbackOf(sent));
    discord.redeliver(sent);
    const log = () => harness?.logLines.join("") ?? "";
    await until(() => log().includes("interaction claimed by another delivery"));
    await running.stop();
    expect(simulator.requests).toHaveLength(1);
    expect(log()).not.toMatch(/"level":50/);
  });
});

describe("Discord: permissions", () => {
  const roles = { users: [], groups: [ONCALL_ROLE_ID], channels: [], groupsName: "roles" };
  const policy = { ...OPEN_POLICY, allowLists: { discord: roles } };

  it("refuses a member without an allowed role, privately, and sends nothing", async () => {
    const { discord, simulator, running } = await start({ pager: { policy } });
    const sent = discord.sendInteraction(smsInteraction({ to: "447700900123", message: "hi" }));
    const refusal = await discord.waitForCall(
      (call) => isPrivateFollowUp(sent)(call) || (callbackOf(sent)(call) && call.body.type === 4),
    );
    await running.stop();
    expect(JSON.stringify(refusal.body)).toMatch(/not allowed to page from here.*roles/);
    expect(simulator.requests).toEqual([]);
  });

  it("lets a member with an allowed role page", async () => {
    const { discord, simulator, running } = await start({ pager: { policy } });
    discord.sendInteraction(
      smsInteraction({ to: "447700900123", message: "hi" }, { roles: [ONCALL_ROLE_ID] }),
    );
    await discord.waitForCall((call) => call.path.endsWith("/threads"));
    await running.stop();
    expect(simulator.requests).toHaveLength(1);
  });

  it("lets anyone in an allowed channel page", async () => {
    const inChannel = {
      ...OPEN_POLICY,
      allowLists: {
        discord: { users: [], groups: [], channels: [CHANNEL_ID], groupsName: "roles" },
      },
    };
    const { discord, simulator, running } = await start({ pager: { policy: inChannel } });
    discord.sendInteraction(smsInteraction({ to: "447700900123", message: "hi" }));
    await discord.waitForCall((call) => call.path.endsWith("/threads"));
    await running.stop();
    expect(simulator.requests).toHaveLength(1);
  });
});

describe("Discord: confirmation of a large page", () => {
  async function askLargePage(h: Harness) {
    const sent = h.discord.sendInteraction(
      smsInteraction({ to: numbers.join(","), message: "db1 is down" }),
    );
    const question = await h.discord.waitForCall(
      (call) => isPrivateFollowUp(sent)(call) && (call.body.components?.length ?? 0) > 0,
    );
    const [confirm, cancel] = question.body.components?.[0]?.components ?? [];
    return { sent, question, confirm: confirm?.custom_id ?? "", cancel: cancel?.custom_id ?? "" };
  }

  it("asks privately with buttons; only the requester's first click counts", async () => {
    const h = await start();
    const { question, confirm } = await askLargePage(h);
    expect(question.body.content).toMatch(/this pages 12 numbers/);
    expect(h.simulator.requests).toEqual([]);

    const stranger = h.discord.sendInteraction({
      button: { customId: confirm },
      user: { id: "100000000000000099", username: "mallory" },
    });
    const refusal = await h.discord.waitForCall(callbackOf(stranger));
    expect(refusal.body).toMatchObject({
      type: 4,
      data: { content: "Only <@100000000000000005> can confirm or cancel this page.", flags: 64 },
    });
    expect(h.simulator.requests).toEqual([]);

    const first = h.discord.sendInteraction({ button: { customId: confirm } });
    expect((await h.discord.waitForCall(callbackOf(first))).body).toMatchObject({
      type: 7,
      data: { content: "Confirmed: paging now.", components: [] },
    });
    await h.discord.waitForCall((call) => call.path.endsWith("/threads"));
    const second = h.discord.sendInteraction({ button: { customId: confirm } });
    // The second click changes nothing, and is told so privately.
    expect((await h.discord.waitForCall(callbackOf(second))).body).toMatchObject({
      type: 4,
      data: { content: CONFIRM_REPLIES.stale, flags: 64 },
    });
    await h.running.stop();
    expect(h.simulator.requests).toHaveLength(1);
  });

  it("sends nothing when cancelled, says so once, and withdraws the placeholder", async () => {
    const h = await start();
    const { sent, cancel } = await askLargePage(h);
    const click = h.discord.sendInteraction({ button: { customId: cancel } });
    // The question loses its buttons; the answer is said once, by the follow-up.
    const update = (await h.discord.waitForCall(callbackOf(click))).body;
    expect(update).toMatchObject({ type: 7, data: { components: [] } });
    expect(update.data?.content).toBeUndefined();
    await h.discord.waitForCall(
      (call) => call.method === "DELETE" && call.path.includes(sent.token),
    );
    await h.running.stop();
    expect(h.simulator.requests).toEqual([]);
    const said = h.discord.calls.filter((call) =>
      JSON.stringify(call.body).includes(CONFIRM_REPLIES.cancelled),
    );
    expect(said).toHaveLength(1);
  });

  it("tells whoever clicks an expired question so, privately", async () => {
    const h = await start();
    const { confirm, cancel } = await askLargePage(h);
    const gone = confirm.replace(/[^:]+$/, "00000000-0000-4000-8000-000000000000");
    const click = h.discord.sendInteraction({ button: { customId: gone } });
    expect((await h.discord.waitForCall(callbackOf(click))).body).toMatchObject({
      type: 4,
      data: { content: CONFIRM_REPLIES.stale, flags: 64 },
    });
    const answer = h.discord.sendInteraction({ button: { customId: cancel } });
    await h.discord.waitForCall(callbackOf(answer));
    await h.running.stop();
    expect(h.simulator.requests).toEqual([]);
  });
});

describe("Discord: history and status", () => {
  it("answers /sms-history and /sms-status privately", async () => {
    const h = await start();
    const page = h.discord.sendInteraction(
      smsInteraction({ to: "447700900123", message: "db1 is down" }),
    );
    await h.discord.waitForCall(isResultEdit(page));

    const history = h.discord.sendInteraction({
      name: "sms-history",
      options: [{ name: "count", type: 4, value: 5 }],
    });
    const listed = await h.discord.waitForCall(callbackOf(history));
    expect(listed.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(listed.body.data?.content).toMatch(
      /^The last page:\n#1 .* discord <@100000000000000005> → 447700900123 "db1 is down": 1 accepted$/,
    );

    const status = h.discord.sendInteraction({
      name: "sms-status",
      options: [{ name: "of", type: 3, value: "447700900123" }],
    });
    const answer = await h.discord.waitForCall(callbackOf(status));
    expect(answer.body.data?.content).toMatch(/accepted 447700900123 {2}code -2 .*in #1 /s);
    await h.running.stop();
    expect(h.simulator.requests).toHaveLength(1);
  });
});
