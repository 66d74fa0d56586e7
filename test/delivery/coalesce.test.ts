import { describe, expect, it } from "vitest";
import { EditCoalescer } from "../../src/delivery/coalesce.js";
import { manualClock, until } from "../support/manual-timer.js";

/** An edit that records the state it saw when it ran, and the time. */
function editing(clock: ReturnType<typeof manualClock>) {
  const state = { value: 0 };
  const edits: { at: number; saw: number; page: number }[] = [];
  const coalescer = new EditCoalescer(clock, 2_000, async (page) => {
    edits.push({ at: clock.now(), saw: state.value, page });
  });
  return { state, edits, coalescer };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("coalesced edits of a page's report", () => {
  it("edits at once, then at most once every 2 s however many changes come, the last state landing", async () => {
    const clock = manualClock(0);
    const { state, edits, coalescer } = editing(clock);
    for (let i = 1; i <= 1_000; i++) {
      state.value = i;
      coalescer.touch(7);
      if (i % 100 === 0) {
        await settle();
        clock.advance(250);
      }
    }
    await settle();
    clock.advance(2_000);
    await settle();
    clock.advance(2_000);
    await settle();
    const times = edits.map((edit) => edit.at);
    for (let i = 1; i < times.length; i++) {
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(2_000);
    }
    expect(edits.length).toBeLessThanOrEqual(3);
    expect(edits.at(-1)?.saw).toBe(1_000);
    expect(clock.pending()).toBe(0);
  });

  it("edits each page on its own interval", async () => {
    const clock = manualClock(0);
    const { edits, coalescer } = editing(clock);
    coalescer.touch(1);
    coalescer.touch(2);
    await until(() => edits.length === 2);
    expect(edits.map((edit) => edit.page).sort()).toEqual([1, 2]);
  });

  it("runs an edit still waiting for its interval when closed, and nothing after", async () => {
    const clock = manualClock(0);
    const { state, edits, coalescer } = editing(clock);
    coalescer.touch(1);
    await settle();
    state.value = 5;
    coalescer.touch(1);
    await coalescer.close();
    expect(edits.map((edit) => edit.saw)).toEqual([0, 5]);
    coalescer.touch(1);
    clock.advance(10_000);
    await settle();
    expect(edits).toHaveLength(2);
  });
});
