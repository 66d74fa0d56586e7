// Escalation and acknowledgement through the pager: a real csoft simulator on loopback, a real
// store, and the injected clock.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseDirectory } from "../../src/contacts/load.js";
import { createMetrics, type Metrics } from "../../src/metrics/index.js";
import { createPager, type Pager } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import type { Store } from "../../src/store/index.js";
import type { StoredReply } from "../../src/twoway/inbound-handler.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

const ALICE = "447700900001";
const CAROL = "447700900033";
const YAN = "447700900005";
const DIRECTORY = parseDirectory(
  `people:
  alice: { phone: "${ALICE}" }
  bob: { phone: "447700900002" }
  carol: { phone: "${CAROL}" }
  zed: { phone: "447700900003" }
  yan: { phone: "${YAN}" }
groups:
  standby:
    members: [yan]
    escalate:
      - { after: 5m, to: [carol], on_failure: true }
  night:
    members: [zed]
    escalate:
      - { after: 5m, to: [carol], on_failure: true }
  db-oncall:
    members: [alice, bob]
    escalate:
      - { after: 10s, to: [carol] }
`,
  "contacts.yaml",
);

let csoft: LocalCsoft;
let dir: StoreDir;
let clock: ManualClock;
let surface: RecordingSurface;
/** What the pager posted in page threads: escalations, their reports, acknowledgements. */
let notes: { pageId: number; text: string }[];
const announced = () => notes.filter((n) => n.text.startsWith("ESCALATION"));
const reports = () => notes.filter((n) => n.text.includes(" sent: "));
let pagers: Pager[];

function pagerOn(store: Store, metrics?: Metrics): Pager {
  const pager = createPager({
    ...(metrics && {
      onAcknowledged: metrics.observeAcknowledged,
      onEscalated: metrics.observeEscalation,
    }),
    transport: csoft.client,
    store,
    clock,
    directory: () => DIRECTORY,
    replyTo: "447700900999",
    threadNote: async (pageId, text) => {
      notes.push({ pageId, text });
      return true;
    },
  });
  pagers.push(pager);
  return pager;
}

const ctx = (): CommandContext => ({
  actor: { platform: "shell", id: "u1", name: "dave" },
  surface,
});

const sentTo = () => csoft.simulator.requests.map((r) => r.params.get("SendTo"));

async function replyFrom(store: Store, sender: string, message: string): Promise<StoredReply> {
  const reply = { sender, twoWayNumber: "447700900999", message };
  const { id } = await store.recordReply(reply, clock.now());
  return { ...reply, id, receivedAt: clock.now() };
}

beforeEach(async () => {
  csoft = await startLocalCsoft();
  dir = tempStoreDir("escalation-pager-");
  clock = manualClock();
  surface = recordingSurface();
  notes = [];
  pagers = [];
});

afterEach(async () => {
  for (const pager of pagers) await pager.shutdown(0);
  await csoft.close();
  await dir.remove();
});

describe("escalation through the pager", () => {
  it("pages the next step when nobody acknowledged in time, once, marked and linked", async () => {
    const store = dir.open();
    const pager = pagerOn(store);
    await pager.startEscalations();
    await runText(pager, "db-oncall disk full", ctx());
    expect(sentTo()).toEqual([`${ALICE},447700900002`]);
    clock.advance(9_999);
    clock.advance(1);
    await until(() => reports().length === 1);
    expect(sentTo()).toEqual([`${ALICE},447700900002`, CAROL]);
    expect(csoft.simulator.requests[1]?.params.get("Message")).toBe("disk full\nReply ACK 2");
    expect(announced()[0]).toMatchObject({ pageId: 1 });
    expect(announced()[0]?.text).toMatch(
      /^ESCALATION step 1 of #1, nobody acknowledged: dave paged carol\n"disk full"/,
    );
    expect(reports()[0]).toMatchObject({ pageId: 1 });
    expect(await store.firstPageOf(2)).toBe(1);
    clock.advance(60_000);
    expect(sentTo()).toHaveLength(2);
  });

  it("sends no escalation once someone paged acknowledges by SMS", async () => {
    const store = dir.open();
    const pager = pagerOn(store);
    await pager.startEscalations();
    await runText(pager, "db-oncall disk full", ctx());
    clock.advance(5_000);
    const outcome = await pager.receiveReply(await replyFrom(store, ALICE, "ack"));
    expect(outcome).toEqual({
      kind: "matched",
      pageId: 1,
      by: "alice",
      acknowledged: { kind: "acknowledged", cancelledSteps: 1 },
    });
    clock.advance(60_000);
    await pagers[0]?.shutdown(0);
    expect(sentTo()).toHaveLength(1);
    expect(await store.acknowledgement(1)).toMatchObject({ via: "sms", by: "alice" });
  });

  it("sends no escalation once someone acknowledges with the button, and says so to them", async () => {
    const store = dir.open();
    const pager = pagerOn(store);
    await pager.startEscalations();
    await runText(pager, "db-oncall disk full", ctx());
    const result = await pager.acknowledge(1, ctx());
    expect(result).toMatchObject({ kind: "acknowledged", cancelledSteps: 1 });
    expect(surface.privateReplies.at(-1)).toBe(
      "Page #1 acknowledged. 1 escalation step cancelled.",
    );
    await pager.acknowledge(1, ctx());
    expect(surface.privateReplies.at(-1)).toBe(
      "Page #1 was acknowledged already, by dave (button).",
    );
    clock.advance(60_000);
    await pager.shutdown(0);
    expect(sentTo()).toHaveLength(1);
  });

  it("lets `ACK 1` name the older of two open pages; the newer one still escalates", async () => {
    const store = dir.open();
    const pager = pagerOn(store);
    await pager.startEscalations();
    await runText(pager, "db-oncall disk full", ctx());
    await runText(pager, "db-oncall disk still full", ctx());
    const outcome = await pager.receiveReply(await replyFrom(store, ALICE, "ACK 1 on it"));
    expect(outcome).toMatchObject({
      kind: "matched",
      pageId: 1,
      acknowledged: { kind: "acknowledged" },
    });
    expect((await store.repliesTo(1)).map((r) => r.message)).toEqual(["ACK 1 on it"]);
    clock.advance(10_000);
    await until(() => reports().length === 1);
    expect(announced()[0]).toMatchObject({ pageId: 2 });
    expect(announced()[0]?.text).toMatch(/^ESCALATION step 1 of #2,/);
  });

  it("matches a plain reply to the latest page without acknowledging, and records one that matches none", async () => {
    const store = dir.open();
    const pager = pagerOn(store);
    await runText(pager, "db-oncall disk full", ctx());
    expect(await pager.receiveReply(await replyFrom(store, ALICE, "looking"))).toEqual({
      kind: "matched",
      pageId: 1,
      by: "alice",
    });
    expect(await store.acknowledgement(1)).toBeUndefined();
    const stranger = await replyFrom(store, "447700900777", "ack");
    expect(await pager.receiveReply(stranger)).toEqual({ kind: "unmatched", by: "447700900777" });
    expect(await store.reply(stranger.id)).toMatchObject({ message: "ack", pageId: null });
    expect(await pager.receiveReply(await replyFrom(store, ALICE, "ack 99"))).toMatchObject({
      kind: "unmatched",
    });
  });

  it("takes a step from the command: --escalate-after with --escalate-to", async () => {
    const pager = pagerOn(dir.open());
    await pager.startEscalations();
    await runText(pager, "bob disk full --escalate-after 30s --escalate-to carol", ctx());
    clock.advance(30_000);
    await until(() => reports().length === 1);
    expect(sentTo()).toEqual(["447700900002", CAROL]);
  });

  it("fires at start a step that fell due while the process was down, and says how late", async () => {
    const before = pagerOn(dir.open());
    await before.startEscalations();
    await runText(before, "db-oncall disk full", ctx());
    await before.shutdown(0);
    clock.jump(5 * 60_000);
    const after = pagerOn(dir.open());
    await after.startEscalations();
    await until(() => reports().length === 1);
    expect(sentTo()).toEqual([`${ALICE},447700900002`, CAROL]);
    expect(announced()[0]?.text).toMatch(
      /^ESCALATION step 1 of #1, nobody acknowledged \(fired 5 min late\)/,
    );
  });

  it("pages a step once when two processes share the store", async () => {
    const a = pagerOn(dir.open());
    const b = pagerOn(dir.open());
    await a.startEscalations();
    await b.startEscalations();
    await runText(a, "db-oncall disk full", ctx());
    await runText(b, "bob second page", ctx());
    clock.advance(20_000);
    await until(() => reports().length === 1);
    await a.shutdown(0);
    await b.shutdown(0);
    expect(sentTo().filter((to) => to === CAROL)).toHaveLength(1);
  });

  it("shows escalations, acknowledgements and replies in /sms history and /sms status", async () => {
    const store = dir.open();
    const pager = pagerOn(store);
    await pager.startEscalations();
    await runText(pager, "db-oncall disk full", ctx());
    clock.advance(10_000);
    await until(() => reports().length === 1);
    clock.advance(230_000);
    await pager.receiveReply(await replyFrom(store, CAROL, "ok on my way"));
    await runText(pager, "history", ctx());
    const [, second, first] = surface.privateReplies.at(-1)?.split("\n") ?? [];
    expect(second).toBe(
      '#2 (escalation step 1 of #1) 2026-11-25 03:00Z shell dave → carol "disk full": 1 accepted · acknowledged by carol by SMS at 2026-11-25 03:04Z, 4 min after the page (with #1) · 1 reply',
    );
    expect(first).toMatch(
      /^#1 .*: 2 accepted · acknowledged by carol by SMS at 2026-11-25 03:04Z, 4 min after the page$/,
    );
    await runText(pager, `status ${CAROL}`, ctx());
    expect(surface.privateReplies.at(-1)).toContain(`  in ${second}`);
  });

  it("counts acknowledgements by how, seconds to acknowledgement, and escalations", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const store = dir.open();
    const pager = pagerOn(store, metrics);
    await pager.startEscalations();
    await runText(pager, "db-oncall disk full", ctx());
    clock.advance(10_000);
    await until(() => reports().length === 1);
    clock.advance(50_000);
    await pager.receiveReply(await replyFrom(store, ALICE, "yes"));
    await runText(pager, "bob second", ctx());
    await pager.acknowledge(3, ctx());
    await pager.acknowledge(3, ctx());
    const { body } = await metrics.render();
    expect(body).toContain('csoft_chatops_pages_acknowledged_total{via="sms"} 1');
    expect(body).toContain('csoft_chatops_pages_acknowledged_total{via="button"} 1');
    expect(body).toContain("csoft_chatops_escalations_total 1");
    expect(body).toContain('csoft_chatops_acknowledgement_seconds_bucket{le="30"} 1');
    expect(body).toContain('csoft_chatops_acknowledgement_seconds_bucket{le="60"} 2');
    expect(body).toContain("csoft_chatops_acknowledgement_seconds_sum 60");
  });

  it("shows in a dry run the steps that would page more people, and sends nothing", async () => {
    const pager = pagerOn(dir.open());
    await runText(
      pager,
      "db-oncall disk full --escalate-after 1h30m --escalate-to 447700900044 --dry-run",
      ctx(),
    );
    expect(surface.privateReplies.at(-1)).toContain(
      "If nobody acknowledges: after 10s to carol; after 1h30m to 447700900044",
    );
    expect(sentTo()).toEqual([]);
  });

  it("fires an on_failure step at once when the page failed for every number", async () => {
    const pager = pagerOn(dir.open());
    await pager.startEscalations();
    await runText(pager, "night disk full", ctx());
    await until(() => reports().length === 1);
    expect(sentTo()).toEqual(["447700900003", CAROL]);
    expect(announced()[0]).toMatchObject({ pageId: 1 });
    expect(announced()[0]?.text).toMatch(
      /^ESCALATION step 1 of #1, nobody acknowledged: dave paged carol\n"disk full"/,
    );
    expect(reports()[0]).toMatchObject({ pageId: 1 });
  });

  describe("when receipts say no number of a page reached its handset", () => {
    async function pageStandby(state: "delivered" | "not-delivered") {
      const store = dir.open();
      const pager = pagerOn(store);
      await pager.startEscalations();
      await runText(pager, "standby disk full", ctx());
      const [result] = await store.resultsByRecipient(YAN, 1);
      const receipt = {
        messageId: result?.messageId ?? "",
        number: YAN,
        state,
        reportCode: state === "delivered" ? 0 : 27,
        meaning: state === "delivered" ? "Delivered" : "Absent subscriber",
        handsetAt: null,
      };
      await store.recordReceipts([receipt], clock.now());
      await pager.undelivered(1);
    }

    it("fires the on_failure step at once instead of after 5 min", async () => {
      await pageStandby("not-delivered");
      await until(() => sentTo().length === 2);
      expect(sentTo()).toEqual([YAN, CAROL]);
      expect(announced()[0]?.text).toMatch(/^ESCALATION step 1 of #1/);
    });

    it("leaves the step to its time when a number was delivered", async () => {
      await pageStandby("delivered");
      expect(sentTo()).toEqual([YAN]);
      clock.advance(5 * 60_000 - 1);
      clock.advance(1);
      await until(() => sentTo().length === 2);
      expect(sentTo()).toEqual([YAN, CAROL]);
    });
  });
});
