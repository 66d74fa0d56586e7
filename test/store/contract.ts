// What every store must do, whatever database is behind it. An implementation runs this suite
// unchanged: nothing here knows SQL, files or drivers.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeLeasesContract } from "./contract-leases.js";
import { describeQuestionsContract } from "./contract-questions.js";
import { describeReceiptsContract } from "./contract-receipts.js";
import { describeTwoWayContract } from "./contract-twoway.js";
import {
  AT,
  alice,
  bob,
  LATER,
  type MakeStore,
  newPage,
  record,
  result,
  type StoreUnderTest,
} from "./fixtures.js";

export type { MakeStore, StoreUnderTest } from "./fixtures.js";

/** A fresh store for each test, through `make`; `current()` reads it inside a test. */
export function useStore(make: MakeStore): () => StoreUnderTest {
  let current: StoreUnderTest | undefined;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error("read the store inside a test");
    return current;
  };
}

export function describeStoreContract(name: string, make: MakeStore): void {
  describe(`the ${name} store`, () => {
    const t = useStore(make);

    describe("request keys", () => {
      it("claims a key once: the second claim is false, in another process too", async () => {
        expect(await t().store.claimRequest("slack:1.2.3", AT)).toBe(true);
        expect(await t().store.claimRequest("slack:1.2.3", LATER)).toBe(false);
        const other = await t().reopen();
        expect(await other.claimRequest("slack:1.2.3", LATER)).toBe(false);
        expect(await other.claimRequest("discord:99", LATER)).toBe(true);
      });

      it("lets one of two claims at once win, from two processes", async () => {
        const other = await t().reopen();
        const claims = await Promise.all(
          [t().store, other, t().store, other].map((store) => store.claimRequest("k", AT)),
        );
        expect(claims.filter(Boolean)).toHaveLength(1);
      });

      it("gives a released key back, and forgets only keys older than the time given", async () => {
        const { store } = t();
        await store.claimRequest("resend:1", AT);
        await store.releaseRequest("resend:1");
        expect(await store.claimRequest("resend:1", AT)).toBe(true);
        await store.claimRequest("slack:old", AT);
        await store.claimRequest("slack:new", LATER);
        expect(await store.forgetRequestsBefore(LATER)).toBe(2);
        expect(await store.claimRequest("slack:old", LATER)).toBe(true);
        expect(await store.claimRequest("slack:new", LATER)).toBe(false);
      });
    });

    describe("the page history", () => {
      it("records a page as sending before anything is sent, then completes it", async () => {
        const { store } = t();
        const id = await record(store);
        expect(await store.page(id)).toMatchObject({
          state: "sending",
          numberCount: 2,
          completedAt: null,
        });
        await store.completePage(
          id,
          [result("447700900101", "30106CCE"), result("447700900102", "30106CCF", 15)],
          LATER,
        );
        const page = await store.page(id);
        expect(page).toMatchObject({
          state: "completed",
          platform: "slack",
          actorId: "U1",
          actorName: "<@U1>",
          channelId: "C1",
          recipients: ["alice", "447700900102"],
          message: "db1 is down",
          counts: { accepted: 1, failed: 1 },
          resendOf: null,
        });
        expect(page?.createdAt).toEqual(new Date(AT));
        expect(page?.completedAt).toEqual(new Date(LATER));
        expect(await store.resultsByMessageId("30106CCF")).toEqual([
          expect.objectContaining({ pageId: id, recipient: "447700900102", reportCode: 15 }),
        ]);
        expect(await store.resultsByRecipient("447700900101", 5)).toEqual([
          expect.objectContaining({ pageId: id, outcome: "accepted", server: "primary" }),
        ]);
        expect(await store.page(id + 1)).toBeUndefined();
      });

      it("marks pages still sending as interrupted, and a late completion does not undo it", async () => {
        const { store } = t();
        const done = await record(store);
        await store.completePage(done, [result("447700900101", "A")], AT);
        const cut = await record(store);
        expect(await store.markInterrupted(LATER)).toBe(1);
        expect((await store.page(cut))?.state).toBe("interrupted");
        expect((await store.page(done))?.state).toBe("completed");
        expect((await store.unfinishedPagesTo("447700900102", 5)).map((page) => page.id)).toEqual([
          cut,
        ]);
        await store.completePage(cut, [result("447700900101", "B")], LATER);
        expect((await store.page(cut))?.state).toBe("interrupted");
      });

      it("marks only the pages named, when given", async () => {
        const { store } = t();
        const first = await record(store);
        const second = await record(store);
        expect(await store.markInterrupted(LATER, [second])).toBe(1);
        expect((await store.page(first))?.state).toBe("sending");
      });

      it("records a page the chat refused to post as refused, with the reason", async () => {
        const { store } = t();
        const id = await record(store);
        await store.refusePage(id, "I am not in #ops. Nothing was sent.", LATER);
        expect(await store.page(id)).toMatchObject({ state: "refused", reason: /not in #ops/ });
      });

      it("records refusals and cancellations, newest first in the history", async () => {
        const { store } = t();
        await record(store);
        const declined = await store.recordDeclined(
          { actor: alice, message: "447700900101 hi", state: "refused", reason: "not allowed" },
          LATER,
        );
        const [latest, first] = await store.recentPages(10);
        expect(latest).toMatchObject({ id: declined, state: "refused", reason: "not allowed" });
        expect(latest?.recipients).toEqual([]);
        expect(first?.state).toBe("sending");
        expect(await store.recentPages(1)).toHaveLength(1);
      });

      it("gives what a resend needs: message, options, the unknown numbers in order", async () => {
        const { store } = t();
        const sendAt = new Date("2026-11-25T04:00:00Z");
        const id = await record(store, {
          actor: alice,
          recipients: ["447700900102", "447700900101", "447700900103", "book:Oncall"],
          numbers: ["447700900102", "447700900101", "447700900103"],
          addressBooks: ["book:Oncall"],
          message: "db1 is down",
          options: { flash: true, sendAt },
        });
        await store.completePage(
          id,
          [
            result("447700900101", null, null),
            result("book:Oncall", null, null),
            result("447700900102", null, null),
            result("447700900103", "X"),
          ],
          AT,
        );
        expect(await store.resendSource(id)).toMatchObject({
          page: { id, message: "db1 is down" },
          options: { flash: true, sendAt },
          unknownNumbers: ["447700900102", "447700900101"],
        });
        expect(await store.resendSource(id + 1)).toBeUndefined();
        const again = await record(store, { ...newPage, resendOf: id });
        expect((await store.page(again))?.resendOf).toBe(id);
      });
    });

    describeRateWindows(t);
    describeQuestionsContract(t);
    describeTwoWayContract(t);
    describeReceiptsContract(t);
    describeLeasesContract(t);
  });
}

function describeRateWindows(t: () => StoreUnderTest): void {
  describe("rate-limit windows", () => {
    const limit = { count: 2, windowMs: 600_000 };

    it("counts the pages a person had recorded for sending within the window", async () => {
      const { store } = t();
      expect(await store.rateWait(alice, AT, limit)).toBe(0);
      await record(store, newPage, AT);
      await record(store, newPage, AT + 7_000);
      expect(await store.rateWait(alice, AT + 7_000, limit)).toBe(593_000);
      expect(await store.rateWait(bob, AT + 7_000, limit)).toBe(0);
      // The first page leaves the window 10 minutes after it was recorded.
      expect(await store.rateWait(alice, AT + 600_000, limit)).toBe(0);
    });

    it("counts neither refused nor cancelled pages, nor a page the chat refused to post", async () => {
      const { store } = t();
      for (const state of ["refused", "cancelled"] as const) {
        await store.recordDeclined({ actor: alice, message: "x", state, reason: "no" }, AT);
      }
      await store.refusePage(await record(store), "not posted", AT);
      expect(await store.rateWait(alice, AT, limit)).toBe(0);
    });

    it("records within a limit only while the window has room, saying how long to wait", async () => {
      const { store } = t();
      expect(await store.recordPage(newPage, AT, limit)).toMatchObject({ recorded: true });
      expect(await store.recordPage(newPage, AT + 1_000, limit)).toMatchObject({ recorded: true });
      expect(await store.recordPage(newPage, AT + 2_000, limit)).toEqual({
        recorded: false,
        retryInMs: 598_000,
      });
      expect(await store.recentPages(10)).toHaveLength(2);
    });

    it("lets only one of two pages at once, from two processes, take the last slot", async () => {
      const other = await t().reopen();
      const one = { count: 1, windowMs: 600_000 };
      const recorded = await Promise.all(
        [t().store, other, t().store, other].map((store) => store.recordPage(newPage, AT, one)),
      );
      expect(recorded.filter((r) => r.recorded)).toHaveLength(1);
      expect(await other.recentPages(10)).toHaveLength(1);
    });

    it("keeps the window across a restart, and shares it with another process", async () => {
      const { store } = t();
      await store.recordPage(newPage, AT, limit);
      const other = await t().reopen();
      expect(await other.recordPage(newPage, AT + 1_000, limit)).toMatchObject({ recorded: true });
      expect(await store.recordPage(newPage, AT + 2_000, limit)).toMatchObject({ recorded: false });
      expect(await other.rateWait(alice, AT + 2_000, limit)).toBe(598_000);
    });
  });
}
