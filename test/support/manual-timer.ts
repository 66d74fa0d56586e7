import type { Clock } from "../../src/clock.js";

/** A Clock whose time moves only when the test says so. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing each timer that comes due, in order, at its time. */
  advance(ms: number): void;
  /** Moves time forward by `ms` without firing anything: a busy process whose timers run late. */
  jump(ms: number): void;
  /** How many timers are waiting. */
  pending(): number;
}

/** Starts at `start` (milliseconds since the epoch). */
export function manualClock(start = Date.parse("2026-11-25T03:00:00Z")): ManualClock {
  let now = start;
  const waiting = new Set<{ run: () => void; due: number }>();
  const next = (until: number) =>
    [...waiting].filter((t) => t.due <= until).sort((a, b) => a.due - b.due)[0];
  return {
    now: () => now,
    setTimer(run, ms) {
      const timer = { run, due: now + ms };
      waiting.add(timer);
      return () => waiting.delete(timer);
    },
    advance(ms) {
      const target = now + ms;
      for (let timer = next(target); timer !== undefined; timer = next(target)) {
        waiting.delete(timer);
        now = timer.due;
        timer.run();
      }
      now = target;
    },
    jump(ms) {
      now += ms;
    },
    pending: () => waiting.size,
  };
}

/** Resolves once `check` holds, polling; rejects after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the expected state never came");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
