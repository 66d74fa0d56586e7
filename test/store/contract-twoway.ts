// Replies, acknowledgements and escalation steps, as every store must keep them: part of
// describeStoreContract.
import { describe, expect, it } from "vitest";
import type { NewReply, NewTimer, Store } from "../../src/store/index.js";
import { AT, newPage, record, result, type StoreUnderTest } from "./fixtures.js";

const MINUTE = 60_000;
const ALICE = "447700900101";

const reply = (fields: Partial<NewReply> = {}): NewReply => ({
  sender: ALICE,
  twoWayNumber: "447700900999",
  message: "ack",
  sentAt: AT + 30_000,
  messageId: "7F00AA01",
  ...fields,
});

const steps = (pageId: number): NewTimer[] => [
  { pageId, step: 1, dueAt: AT + 5 * MINUTE, recipients: ["carol"], onFailure: false },
  { pageId, step: 2, dueAt: AT + 15 * MINUTE, recipients: ["db-managers"], onFailure: true },
];

/** A page completed with `ALICE` reached, recorded at `at`. */
async function reached(store: Store, at = AT, code: number | null = -2): Promise<number> {
  const id = await record(store, newPage, at);
  await store.completePage(id, [result(ALICE, `M${id}`, code)], at + 1_000);
  return id;
}

export function describeTwoWayContract(t: () => StoreUnderTest): void {
  describe("replies", () => {
    it("stores a reply with every field, and a reply posted again once", async () => {
      const { store } = t();
      const first = await store.recordReply(reply(), AT + 40_000);
      expect(first).toEqual({ id: expect.any(Number), duplicate: false });
      expect(await store.reply(first.id)).toEqual({
        ...reply(),
        id: first.id,
        receivedAt: AT + 40_000,
        pageId: null,
      });
      const other = await t().reopen();
      expect(await other.recordReply(reply(), AT + 50_000)).toEqual({
        id: first.id,
        duplicate: true,
      });
    });

    it("stores every reply without a MessageIdentifier, and links one to its page", async () => {
      const { store } = t();
      const page = await reached(store);
      const bare = { sender: ALICE, twoWayNumber: "447700900999", message: "on my way" };
      const a = await store.recordReply(bare, AT + 1);
      const b = await store.recordReply(bare, AT + 2);
      expect(a.id).not.toBe(b.id);
      await store.matchReply(b.id, page);
      expect((await store.repliesTo(page)).map((r) => [r.id, r.message, r.pageId])).toEqual([
        [b.id, "on my way", page],
      ]);
    });

    it("lists the open pages that reached a number since a time, newest first", async () => {
      const { store } = t();
      const old = await reached(store, AT - 25 * 60 * MINUTE);
      const first = await reached(store, AT);
      const failed = await reached(store, AT + MINUTE, 15);
      const second = await reached(store, AT + 2 * MINUTE);
      const since = AT - 24 * 60 * MINUTE;
      expect(await store.openPagesTo(ALICE, since)).toEqual([second, first]);
      expect(await store.openPagesTo("447700900555", since)).toEqual([]);
      await store.acknowledge({ pageId: second, via: "sms", by: "alice", at: AT + 3 * MINUTE });
      expect(await store.openPagesTo(ALICE, since)).toEqual([first]);
      expect([old, failed]).not.toContain(first);
    });
  });

  describe("acknowledgements", () => {
    it("keeps the first acknowledgement and cancels the pending steps with it", async () => {
      const { store } = t();
      const page = await reached(store);
      await store.scheduleTimers(steps(page), AT);
      const { id: replyId } = await store.recordReply(reply(), AT + MINUTE);
      const ack = { pageId: page, via: "sms" as const, by: "alice", replyId, at: AT + MINUTE };
      expect(await store.acknowledge(ack)).toEqual({ kind: "acknowledged", cancelledSteps: 2 });
      expect((await store.timersOf(page)).map((s) => [s.state, s.endedAt])).toEqual([
        ["cancelled", AT + MINUTE],
        ["cancelled", AT + MINUTE],
      ]);
      const other = await t().reopen();
      const button = { pageId: page, via: "button" as const, by: "bob", at: AT + 2 * MINUTE };
      expect(await other.acknowledge(button)).toEqual({ kind: "already", first: ack });
      expect(await store.acknowledgement(page)).toEqual(ack);
      expect(await store.acknowledgement(page + 1)).toBeUndefined();
    });

    it("lets one of two acknowledgements at once win, from two processes", async () => {
      const { store } = t();
      const page = await reached(store);
      const other = await t().reopen();
      const results = await Promise.all(
        [store, other, store, other].map((s, i) =>
          s.acknowledge({ pageId: page, via: "button", by: `user${i}`, at: AT + i }),
        ),
      );
      expect(results.filter((r) => r.kind === "acknowledged")).toHaveLength(1);
    });

    it("acknowledges the first page when its escalation page is acknowledged", async () => {
      const { store } = t();
      const page = await reached(store);
      await store.scheduleTimers(steps(page), AT);
      const [step] = await store.dueTimers(AT + 5 * MINUTE);
      expect(await store.claimTimer(step?.id ?? 0, AT + 5 * MINUTE)).toBe(true);
      const escalation = await reached(store, AT + 5 * MINUTE);
      await store.linkEscalation(step?.id ?? 0, escalation);
      expect(await store.firstPageOf(escalation)).toBe(page);
      expect(await store.firstPageOf(page)).toBe(page);
      const ack = { pageId: escalation, via: "sms" as const, by: "carol", at: AT + 6 * MINUTE };
      expect(await store.acknowledge(ack)).toEqual({ kind: "acknowledged", cancelledSteps: 1 });
      expect(await store.acknowledgement(page)).toEqual({ ...ack, pageId: page });
      expect(await store.acknowledgement(escalation)).toEqual({ ...ack, pageId: page });
      expect(await store.openPagesTo(ALICE, AT)).toEqual([]);
    });
  });

  describe("escalation steps", () => {
    it("gives the due steps earliest first, and when the next one falls due", async () => {
      const { store } = t();
      expect(await store.nextDue()).toBeUndefined();
      const page = await reached(store);
      await store.scheduleTimers(steps(page), AT);
      await store.scheduleTimers(steps(page), AT);
      expect(await store.nextDue()).toBe(AT + 5 * MINUTE);
      expect(await store.dueTimers(AT + 5 * MINUTE - 1)).toEqual([]);
      expect(await store.dueTimers(AT + 20 * MINUTE)).toEqual([
        {
          ...steps(page)[0],
          id: expect.any(Number),
          state: "pending",
          endedAt: null,
          escalationPageId: null,
        },
        {
          ...steps(page)[1],
          id: expect.any(Number),
          state: "pending",
          endedAt: null,
          escalationPageId: null,
        },
      ]);
    });

    it("fires a step once: one claim wins, across processes and after a restart", async () => {
      const { store } = t();
      const page = await reached(store);
      await store.scheduleTimers(steps(page), AT);
      const [step] = await store.dueTimers(AT + 5 * MINUTE);
      const id = step?.id ?? 0;
      const other = await t().reopen();
      const claims = await Promise.all(
        [store, other, store, other].map((s) => s.claimTimer(id, AT + 5 * MINUTE)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const restarted = await t().reopen();
      expect(await restarted.claimTimer(id, AT + 6 * MINUTE)).toBe(false);
      expect((await restarted.dueTimers(AT + 20 * MINUTE)).map((s) => s.step)).toEqual([2]);
      expect(await restarted.nextDue()).toBe(AT + 15 * MINUTE);
    });

    it("cancels only pending steps, and a cancelled step is never claimed", async () => {
      const { store } = t();
      const page = await reached(store);
      await store.scheduleTimers(steps(page), AT);
      const [first] = await store.dueTimers(AT + 5 * MINUTE);
      await store.claimTimer(first?.id ?? 0, AT + 5 * MINUTE);
      expect(await store.cancelTimers(page, AT + 6 * MINUTE)).toBe(1);
      expect(await store.cancelTimers(page, AT + 7 * MINUTE)).toBe(0);
      const [, second] = await store.timersOf(page);
      expect(await store.claimTimer(second?.id ?? 0, AT + 20 * MINUTE)).toBe(false);
      expect((await store.timersOf(page)).map((s) => s.state)).toEqual(["fired", "cancelled"]);
    });

    it("brings only the pending on_failure steps forward when a page failed for every number", async () => {
      const { store } = t();
      const page = await reached(store);
      await store.scheduleTimers(steps(page), AT);
      expect(await store.hastenFailureSteps(page, AT + MINUTE)).toBe(1);
      expect(await store.hastenFailureSteps(page, AT + MINUTE)).toBe(0);
      expect((await store.dueTimers(AT + MINUTE)).map((s) => s.step)).toEqual([2]);
      expect(await store.nextDue()).toBe(AT + MINUTE);
    });
  });
}
