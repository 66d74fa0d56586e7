import type { SetTimer } from "../../src/page/timer.js";

/** Timers that fire only when the test says time has come. */
export interface ManualTimer {
  setTimer: SetTimer;
  /** How many timers are waiting. */
  pending(): number;
  /** Fires every waiting timer set for `ms` or less. */
  fire(ms?: number): void;
}

export function manualTimer(): ManualTimer {
  const waiting = new Set<{ run: () => void; ms: number }>();
  return {
    setTimer(run, ms) {
      const timer = { run, ms };
      waiting.add(timer);
      return () => waiting.delete(timer);
    },
    pending: () => waiting.size,
    fire(ms = Number.POSITIVE_INFINITY) {
      for (const timer of [...waiting]) {
        if (timer.ms > ms) continue;
        waiting.delete(timer);
        timer.run();
      }
    },
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
