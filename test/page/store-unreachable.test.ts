// A pager on a replica that lost its database: the command is refused with the store's own
// words (it could not be recorded, so nothing was sent), not the generic "something went wrong".
import { afterEach, beforeEach, expect, it } from "vitest";
import { COMMAND_FAILED_REPLY } from "../../src/errors.js";
import { silentLogger } from "../../src/log.js";
import { createPager } from "../../src/page/pager.js";
import { type Replica, STORE_UNREACHABLE_REPLY, startReplica } from "../../src/store/index.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { manualClock, until } from "../support/manual-timer.js";
import { recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

const LEASE_MS = 30_000;

let dir: StoreDir;
let csoft: LocalCsoft;
let replica: Replica | undefined;
beforeEach(async () => {
  dir = tempStoreDir("store-unreachable-");
  csoft = await startLocalCsoft();
});
afterEach(async () => {
  replica?.stop();
  await csoft.close();
  await dir.remove();
});

it("refuses a page with the store's own message while the replica holds no lease, outcome failed, nothing sent", async () => {
  const clock = manualClock();
  const store = dir.open({ replicaId: "a" });
  replica = await startReplica({
    store,
    replicaId: "a",
    leaseMs: LEASE_MS,
    clock,
    logger: silentLogger(),
  });
  const pager = createPager({ store: replica.store, transport: csoft.client });
  // The database goes away: three renewals fail, and the lease runs out.
  await store.close();
  for (let i = 0; i < 3; i += 1) {
    clock.advance(LEASE_MS / 3);
    await until(() => clock.pending() === 1);
  }
  expect(replica.holdsLease()).toBe(false);

  const surface = recordingSurface();
  const ctx = { actor: { platform: "shell", id: "u1", name: "alice" }, surface };
  expect(await runText(pager, "447700900123 db1 is down", ctx)).toBe("failed");
  // With a request key, the claim is what the store refuses first.
  const keyed = { ...ctx, requestKey: "shell:k1" };
  expect(await runText(pager, "447700900123 db1 is down", keyed)).toBe("failed");
  expect(surface.privateReplies).toEqual([STORE_UNREACHABLE_REPLY, STORE_UNREACHABLE_REPLY]);
  expect(surface.privateReplies).not.toContain(COMMAND_FAILED_REPLY);
  expect(surface.announcements).toEqual([]);
  expect(csoft.simulator.requests).toEqual([]);
});
