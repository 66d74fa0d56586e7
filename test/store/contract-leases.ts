// Replica leases, as every store must keep them: part of describeStoreContract.
import { describe, expect, it } from "vitest";
import { AT, record, result, type StoreUnderTest } from "./fixtures.js";

const LEASE_MS = 30_000;

export function describeLeasesContract(t: () => StoreUnderTest): void {
  describe("replica leases", () => {
    it("records each page with the replica whose store records it", async () => {
      const replica = await t().reopen({ replicaId: "r1" });
      const id = await record(replica);
      expect((await t().store.page(id))?.replicaId).toBe("r1");
      expect((await t().store.page(await record(t().store)))?.replicaId).toBeNull();
    });

    it("takes over the pages still sending of a replica whose lease expired, and only those", async () => {
      const dead = await t().reopen({ replicaId: "dead" });
      const alive = await t().reopen({ replicaId: "alive" });
      await dead.renewLease("dead", AT);
      await alive.renewLease("alive", AT);
      const cut = await record(dead);
      const done = await record(dead);
      await dead.completePage(done, [result("447700900101", "A")], AT);
      const sending = await record(alive);
      const unnamed = await record(t().store);

      await alive.renewLease("alive", AT + LEASE_MS);
      // Renewed exactly one lease ago: still alive.
      expect(await alive.takeOverExpired(AT + LEASE_MS, LEASE_MS)).toEqual([]);
      const taken = await alive.takeOverExpired(AT + LEASE_MS + 1, LEASE_MS);
      expect(taken).toEqual([
        expect.objectContaining({ id: cut, replicaId: "dead", state: "interrupted" }),
      ]);
      expect(taken[0]?.completedAt).toEqual(new Date(AT + LEASE_MS + 1));
      expect((await alive.page(done))?.state).toBe("completed");
      expect((await alive.page(sending))?.state).toBe("sending");
      expect((await alive.page(unnamed))?.state).toBe("sending");
      // Taken once: a second sweep finds nothing, and a late completion does not undo it.
      expect(await alive.takeOverExpired(AT + LEASE_MS + 2, LEASE_MS)).toEqual([]);
      await dead.completePage(cut, [result("447700900101", "B")], AT + LEASE_MS + 3);
      expect((await alive.page(cut))?.state).toBe("interrupted");
    });

    it("takes over the pages of a replica that never renewed a lease", async () => {
      const silent = await t().reopen({ replicaId: "silent" });
      const id = await record(silent);
      const taken = await t().store.takeOverExpired(AT + 1, LEASE_MS);
      expect(taken.map((page) => page.id)).toEqual([id]);
    });

    it("gives each page to one survivor when several sweep at the same moment", async () => {
      const dead = await t().reopen({ replicaId: "dead" });
      await dead.renewLease("dead", AT);
      const ids = [await record(dead), await record(dead), await record(dead)];
      const survivors = [t().store, await t().reopen({ replicaId: "s2" }), await t().reopen()];
      const sweeps = await Promise.all(
        [...survivors, ...survivors].map((store) =>
          store.takeOverExpired(AT + 2 * LEASE_MS, LEASE_MS),
        ),
      );
      const taken = sweeps.flat().map((page) => page.id);
      expect(taken.sort((a, b) => a - b)).toEqual(ids);
    });

    it("keeps where a page's thread is, for any process to read", async () => {
      const id = await record(t().store);
      expect(await t().store.pageThread(id)).toBeUndefined();
      const thread = { platform: "slack", thread: { channel: "C1", ts: "1700000000.000100" } };
      await t().store.saveThread(id, thread, AT);
      const other = await t().reopen({ replicaId: "other" });
      expect(await other.pageThread(id)).toEqual(thread);
    });

    it("keeps a replica that comes back: it renews anew, and its new pages are its own", async () => {
      const back = await t().reopen({ replicaId: "back" });
      await back.renewLease("back", AT);
      const old = await record(back);
      const later = AT + 2 * LEASE_MS;
      expect((await t().store.takeOverExpired(later, LEASE_MS)).map((page) => page.id)).toEqual([
        old,
      ]);
      await back.renewLease("back", later);
      const fresh = await record(back, undefined, later);
      expect(await t().store.takeOverExpired(later + 1, LEASE_MS)).toEqual([]);
      expect((await back.page(fresh))?.state).toBe("sending");
    });
  });
}
