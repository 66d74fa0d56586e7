// A replica's lease on the clock: renewed, lost when the database stops answering, and the
// pages of a replica that stopped renewing taken over by a survivor.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.js";
import type { PageRow, Store } from "../../src/store/index.js";
import { type Replica, STORE_UNREACHABLE_REPLY, startReplica } from "../../src/store/replica.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";
import { describePostgres, openStoreIn, postgresProxy } from "../support/postgres.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";
import { newPage } from "./fixtures.js";

const LEASE_MS = 30_000;
const ROUND_MS = LEASE_MS / 3;

let clock: ManualClock;
const replicas: Replica[] = [];
beforeEach(() => {
  clock = manualClock();
});
afterEach(() => {
  for (const replica of replicas.splice(0)) replica.stop();
});

async function start(store: Store, id: string, taken?: PageRow[]): Promise<Replica> {
  const replica = await startReplica({
    store,
    replicaId: id,
    leaseMs: LEASE_MS,
    clock,
    logger: silentLogger(),
    onTakenOver: (pages) => taken?.push(...pages),
  });
  replicas.push(replica);
  return replica;
}

/** Moves the clock one renewal round on, and waits until every running replica has done it. */
async function round(running: number): Promise<void> {
  clock.advance(ROUND_MS);
  await until(() => clock.pending() === running);
}

async function recorded(store: Store): Promise<number> {
  const page = await store.recordPage(newPage, clock.now());
  if (!page.recorded) throw new Error("no limit was given");
  return page.id;
}

describe("a replica on SQLite", () => {
  let dir: StoreDir;
  beforeEach(() => {
    dir = tempStoreDir("store-replica-");
  });
  afterEach(() => dir.remove());

  it("takes over the page of a replica that stopped renewing, once its lease ran out, and only then", async () => {
    const taken: PageRow[] = [];
    const crashed = await start(dir.open({ replicaId: "a" }), "a");
    await start(dir.open({ replicaId: "b" }), "b", taken);
    const id = await recorded(crashed.store);
    crashed.stop();
    for (let i = 0; i < 3; i += 1) await round(1);
    // 30 s since its last renewal: not yet past the lease.
    expect(taken).toEqual([]);
    expect((await dir.open().page(id))?.state).toBe("sending");
    await round(1);
    expect(taken.map((page) => [page.id, page.state, page.replicaId])).toEqual([
      [id, "interrupted", "a"],
    ]);
    await round(1);
    expect(taken).toHaveLength(1);
  });

  it("refuses new pages at once once the lease is lost, and takes them again once renewed", async () => {
    const store = dir.open({ replicaId: "a" });
    const replica = await start(store, "a");
    expect(replica.holdsLease()).toBe(true);
    await store.close();
    for (let i = 0; i < 2; i += 1) await round(1);
    expect(replica.holdsLease()).toBe(true);
    await round(1);
    expect(replica.holdsLease()).toBe(false);
    await expect(replica.store.recordPage(newPage, clock.now())).rejects.toMatchObject({
      code: "STORE_UNREACHABLE",
      message: STORE_UNREACHABLE_REPLY,
    });
    await expect(replica.store.claimRequest("k", clock.now())).rejects.toThrow(/cannot reach/);
  });
});

describePostgres("a replica on PostgreSQL", (schema) => {
  it("loses its lease when its database stops answering: refuses new pages, not ready; then recovers", async () => {
    const link = await postgresProxy();
    try {
      const { openPostgresStore } = await import("../../src/store/postgres/index.js");
      await openStoreIn(schema()).then((store) => store.close());
      const store = await openPostgresStore({ url: link.url, schema: schema(), replicaId: "r" });
      const replica = await start(store, "r");
      expect(await recorded(replica.store)).toBeGreaterThan(0);
      link.cut();
      for (let i = 0; i < 3; i += 1) await round(1);
      expect(replica.holdsLease()).toBe(false);
      await expect(replica.store.recordPage(newPage, clock.now())).rejects.toThrow(
        STORE_UNREACHABLE_REPLY,
      );
      await link.mend();
      await round(1);
      expect(replica.holdsLease()).toBe(true);
      expect(await recorded(replica.store)).toBeGreaterThan(0);
      replica.stop();
      await store.close();
    } finally {
      link.close();
    }
  });
});
