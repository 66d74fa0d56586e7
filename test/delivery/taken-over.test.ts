// A page cut off mid-send by its process dying: the survivor that takes it over says so in the
// page's thread, found where the sender stored it once announced, before sending.
import { afterEach, beforeEach, expect, it } from "vitest";
import { createDeliveries } from "../../src/delivery/index.js";
import { createThreadPoster } from "../../src/delivery/threads.js";
import { silentLogger } from "../../src/log.js";
import { createPager } from "../../src/page/pager.js";
import { interruptedNote } from "../../src/report/history.js";
import { type PageRow, type Replica, startReplica } from "../../src/store/index.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { manualClock, until } from "../support/manual-timer.js";
import { recordingEditor } from "../support/receipts.js";
import { recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

const LEASE_MS = 30_000;
const WHERE = { channel: "C1", ts: "1700000000.000100" };

let dir: StoreDir;
let csoft: LocalCsoft;
const replicas: Replica[] = [];
beforeEach(async () => {
  dir = tempStoreDir("taken-over-");
  csoft = await startLocalCsoft();
});
afterEach(async () => {
  for (const replica of replicas.splice(0)) replica.stop();
  await csoft.simulator.setFault("none");
  await csoft.close();
  await dir.remove();
});

it("says in the thread of a page taken over from a process that stopped mid-send that it was interrupted, and resends nothing", async () => {
  const clock = manualClock();
  const start = async (id: string) => {
    const replica = await startReplica({
      store: dir.open({ replicaId: id }),
      replicaId: id,
      leaseMs: LEASE_MS,
      clock,
      logger: silentLogger(),
    });
    replicas.push(replica);
    return replica;
  };
  const sender = await start("sender");
  const survivor = await start("survivor");
  const editor = recordingEditor();
  const threads = createThreadPoster(survivor.store);
  const deliveries = createDeliveries({
    store: survivor.store,
    logger: silentLogger(),
    clock,
    threads,
  });
  deliveries.attach("shell", editor);
  const taken: PageRow[] = [];
  survivor.onTakenOver((pages) => {
    taken.push(...pages);
    for (const { id } of pages) void threads.note(id, interruptedNote(id));
  });

  // The sender announces the page in a thread it can name, then hangs in csoft.
  await csoft.simulator.setFault("hang");
  const surface = recordingSurface();
  const announce = surface.announce.bind(surface);
  surface.announce = async (announcement) => ({ ...(await announce(announcement)), where: WHERE });
  const pager = createPager({ store: sender.store, transport: csoft.client });
  const ctx = { actor: { platform: "shell", id: "u1", name: "alice" }, surface };
  void runText(pager, "447700900123 db1 is down", ctx).catch(() => undefined);
  await until(() => csoft.simulator.requests.length === 1);
  sender.stop();

  // Five rounds of the survivor: the lease runs out after the fourth; the page is taken once.
  for (let i = 0; i < 5; i += 1) {
    clock.advance(LEASE_MS / 3);
    await until(() => clock.pending() === 1);
  }
  expect(taken.map((page) => [page.id, page.state, page.replicaId])).toEqual([
    [1, "interrupted", "sender"],
  ]);
  await until(() => editor.threadNotes.length === 1);
  expect(editor.threadNotes).toEqual([
    {
      where: WHERE,
      text: "Page #1 interrupted: state unknown, not resent: the process sending it stopped.",
    },
  ]);
  expect(csoft.simulator.requests).toHaveLength(1);
  // A page whose thread was never stored (or whose chat is not running here) gets no note.
  expect(await threads.note(99, "nothing")).toBe(false);
  await deliveries.close();
});
