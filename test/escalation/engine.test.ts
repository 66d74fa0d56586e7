// The escalation engine over the injected clock and a real store: steps fire at their time,
// once, not after an acknowledgement, and after a restart.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEscalationEngine, type EscalationEngine } from "../../src/escalation/engine.js";
import { silentLogger } from "../../src/log.js";
import type { Store, TimerRow } from "../../src/store/index.js";
import { newPage, record } from "../store/fixtures.js";
import { type ManualClock, manualClock } from "../support/manual-timer.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

const MINUTE = 60_000;

interface Fired {
  step: number;
  to: string[];
  lateByMs: number;
  by: string;
}

let dir: StoreDir;
let clock: ManualClock;
let fired: Fired[];
let engines: EscalationEngine[];

function engineOn(store: Store, by = "a", fail = false): EscalationEngine {
  const engine = createEscalationEngine({
    timers: store,
    clock,
    logger: silentLogger(),
    async pageStep(step: TimerRow, lateByMs: number) {
      fired.push({ step: step.step, to: step.recipients, lateByMs, by });
      if (fail) throw new Error("csoft could not be reached");
      const id = await record(store, { ...newPage, recipients: step.recipients }, clock.now());
      await store.linkEscalation(step.id, id);
      return id;
    },
  });
  engines.push(engine);
  return engine;
}

/** Moves the clock and lets every engine finish the rounds it started. */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  for (const engine of engines) await engine.idle();
  for (const engine of engines) await engine.idle();
}

async function firstPageWithSteps(store: Store): Promise<number> {
  const page = await record(store, newPage, clock.now());
  await store.scheduleTimers(
    [
      {
        pageId: page,
        step: 1,
        dueAt: clock.now() + 5 * MINUTE,
        recipients: ["carol"],
        onFailure: false,
      },
      {
        pageId: page,
        step: 2,
        dueAt: clock.now() + 15 * MINUTE,
        recipients: ["db-managers"],
        onFailure: false,
      },
    ],
    clock.now(),
  );
  return page;
}

beforeEach(() => {
  dir = tempStoreDir("escalation-");
  clock = manualClock();
  fired = [];
  engines = [];
});

afterEach(async () => {
  for (const engine of engines) await engine.stop();
  await dir.remove();
});

describe("the escalation engine", () => {
  it("fires each step at its time, in order, and each once", async () => {
    const store = dir.open();
    const engine = engineOn(store);
    await engine.start();
    const page = await firstPageWithSteps(store);
    await engine.scheduled();
    await advance(5 * MINUTE - 1);
    expect(fired).toEqual([]);
    await advance(1);
    expect(fired).toEqual([{ step: 1, to: ["carol"], lateByMs: 0, by: "a" }]);
    await advance(10 * MINUTE);
    expect(fired.map((f) => [f.step, f.lateByMs])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    await advance(60 * MINUTE);
    expect(fired).toHaveLength(2);
    expect((await store.timersOf(page)).map((t) => [t.state, t.escalationPageId])).toEqual([
      ["fired", page + 1],
      ["fired", page + 2],
    ]);
  });

  it("fires nothing more once the page is acknowledged", async () => {
    const store = dir.open();
    const engine = engineOn(store);
    await engine.start();
    const page = await firstPageWithSteps(store);
    await engine.scheduled();
    await advance(5 * MINUTE);
    await store.acknowledge({ pageId: page + 1, via: "sms", by: "carol", at: clock.now() });
    await advance(60 * MINUTE);
    expect(fired.map((f) => f.step)).toEqual([1]);
  });

  it("finds steps another process stored, within its poll", async () => {
    const store = dir.open();
    await engineOn(store).start();
    await firstPageWithSteps(dir.open());
    await advance(5 * MINUTE);
    expect(fired.map((f) => f.step)).toEqual([1]);
  });

  it("fires at start a step that fell due while no process ran, and says how late", async () => {
    const first = dir.open();
    const before = engineOn(first);
    await before.start();
    await firstPageWithSteps(first);
    await before.stop();
    await first.close();
    clock.jump(7 * MINUTE);
    const restarted = engineOn(dir.open(), "b");
    await restarted.start();
    expect(fired).toEqual([{ step: 1, to: ["carol"], lateByMs: 2 * MINUTE, by: "b" }]);
    await advance(8 * MINUTE);
    expect(fired.map((f) => [f.step, f.lateByMs])).toEqual([
      [1, 2 * MINUTE],
      [2, 0],
    ]);
  });

  it("fires each step once when two processes share the store", async () => {
    const a = engineOn(dir.open(), "a");
    const b = engineOn(dir.open(), "b");
    await Promise.all([a.start(), b.start()]);
    await firstPageWithSteps(dir.open());
    await Promise.all([a.scheduled(), b.scheduled()]);
    await advance(20 * MINUTE);
    expect(fired.map((f) => f.step).sort()).toEqual([1, 2]);
  });

  it("does not fire again a step whose page could not be sent: its recipients may have been paged", async () => {
    const store = dir.open();
    const engine = engineOn(store, "a", true);
    await engine.start();
    await firstPageWithSteps(store);
    await advance(5 * MINUTE);
    await advance(5 * MINUTE);
    expect(fired.map((f) => f.step)).toEqual([1]);
  });

  it("drops a step found more than a day after its time, rather than wake someone for it", async () => {
    const first = dir.open();
    await firstPageWithSteps(first);
    clock.jump(24 * 60 * MINUTE + 5 * MINUTE + 1);
    const engine = engineOn(first);
    await engine.start();
    expect(fired.map((f) => f.step)).toEqual([2]);
    expect(await first.dueTimers(clock.now())).toEqual([]);
  });
});
