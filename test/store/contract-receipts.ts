// Delivery receipts and chat messages, as every store must keep them: part of describeStoreContract.
import { describe, expect, it } from "vitest";
import type { NewReceipt, Store } from "../../src/store/index.js";
import { AT, LATER, record, result, type StoreUnderTest } from "./fixtures.js";

const receipt = (over: Partial<NewReceipt> = {}): NewReceipt => ({
  messageId: "30106CCE",
  number: "447700900101",
  state: "accepted",
  reportCode: -2,
  meaning: "queued",
  handsetAt: null,
  ...over,
});

const delivered = receipt({
  state: "delivered",
  reportCode: 0,
  meaning: "delivered",
  handsetAt: AT + 9_000,
});
const failed = receipt({ state: "not-delivered", reportCode: 27, meaning: "expired" });

/** A page to two numbers, completed: 101 accepted (30106CCE), 102 refused with code 15. */
async function sentPage(store: Store): Promise<number> {
  const id = await record(store);
  await store.completePage(
    id,
    [result("447700900101", "30106CCE"), result("447700900102", "30106CCF", 15)],
    AT,
  );
  return id;
}

export function describeReceiptsContract(t: () => StoreUnderTest): void {
  describe("delivery receipts", () => {
    it("records accepted, then delivered with the handset time, tied to the page that sent it", async () => {
      const { store } = t();
      const id = await sentPage(store);
      expect(await store.recordReceipt(receipt(), AT)).toEqual({
        change: "new",
        state: "accepted",
        page: { id, sentAt: AT },
      });
      expect((await store.recordReceipt(delivered, LATER)).change).toBe("advanced");
      const [first, second] = await store.pageDeliveries(id);
      expect(first).toEqual({
        recipient: "447700900101",
        messageId: "30106CCE",
        state: "delivered",
        reportCode: 0,
        meaning: "delivered",
        handsetAt: new Date(AT + 9_000),
      });
      expect(second).toMatchObject({
        recipient: "447700900102",
        state: "not-sent",
        reportCode: 15,
      });
      expect(await store.deliveryCounts([id])).toEqual(
        new Map([[id, { delivered: 1, notDelivered: 0, waiting: 0 }]]),
      );
    });

    it("is idempotent, and never lets a late intermediate state replace a final one", async () => {
      const { store } = t();
      const id = await sentPage(store);
      await store.recordReceipt(failed, AT);
      expect((await store.recordReceipt(failed, LATER)).change).toBe("duplicate");
      expect(await store.recordReceipt(receipt(), LATER)).toMatchObject({
        change: "stale",
        state: "not-delivered",
      });
      expect((await store.recordReceipt(delivered, LATER)).change).toBe("stale");
      const other = await t().reopen();
      expect(await other.pageDeliveries(id)).toContainEqual(
        expect.objectContaining({ state: "not-delivered", reportCode: 27, meaning: "expired" }),
      );
      const [row] = await other.receiptsFor(["30106CCE"]);
      expect(row).toMatchObject({ state: "not-delivered", received: 4 });
    });

    it("records a burst in one call, each receipt as on its own and in order", async () => {
      const { store } = t();
      const id = await sentPage(store);
      const recorded = await store.recordReceipts([receipt(), delivered, receipt(), failed], AT);
      expect(recorded.map((r) => [r.change, r.state, r.page?.id])).toEqual([
        ["new", "accepted", id],
        ["advanced", "delivered", id],
        ["stale", "delivered", id],
        ["stale", "delivered", id],
      ]);
      expect(await store.recordReceipts([], AT)).toEqual([]);
    });

    it("records a receipt for an identifier no page has, and ties it once the page completes", async () => {
      const { store } = t();
      expect(await store.recordReceipt(delivered, AT)).toMatchObject({ page: undefined });
      const id = await sentPage(store);
      expect((await store.pageDeliveries(id))[0]?.state).toBe("delivered");
      expect(await store.receiptsFor(["30106CCE", "nope"])).toHaveLength(1);
    });

    it("ties a receipt that names no handset by its identifier alone", async () => {
      const { store } = t();
      const id = await sentPage(store);
      await store.recordReceipt({ ...delivered, number: "" }, AT);
      expect((await store.pageDeliveries(id))[0]?.state).toBe("delivered");
    });

    it("counts a page only once a receipt came for it, a number waiting until its final one", async () => {
      const { store } = t();
      const id = await sentPage(store);
      expect(await store.deliveryCounts([id])).toEqual(new Map());
      await store.recordReceipt(receipt(), AT);
      expect((await store.pageDeliveries(id))[0]?.state).toBe("waiting");
      expect((await store.deliveryCounts([id])).get(id)).toEqual({
        delivered: 0,
        notDelivered: 0,
        waiting: 1,
      });
    });

    it("hands each number not delivered to one claim only, in any process", async () => {
      const { store } = t();
      const id = await sentPage(store);
      await store.recordReceipt(failed, AT);
      const other = await t().reopen();
      const claims = await Promise.all([
        store.claimNotDelivered(id, LATER),
        other.claimNotDelivered(id, LATER),
      ]);
      expect(claims.flat().map((d) => d.recipient)).toEqual(["447700900101"]);
      expect(await store.claimNotDelivered(id, LATER)).toEqual([]);
    });

    it("keeps a page's chat messages for any process to edit", async () => {
      const { store } = t();
      const id = await sentPage(store);
      expect(await store.chatMessages(id)).toBeUndefined();
      const messages = {
        platform: "slack",
        parent: { channel: "C1", ts: "1.1" },
        report: { channel: "C1", ts: "1.2" },
        summary: "2 sent: 1 failed, 1 accepted",
      };
      await store.saveChatMessages(id, messages, AT);
      expect(await (await t().reopen()).chatMessages(id)).toEqual(messages);
    });
  });
}
