import { type Clock, systemClock } from "../clock.js";

/** One condition for serving traffic: an adapter connected, the database writable. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<boolean> | boolean;
}

export interface ReadinessResult {
  ready: boolean;
  checks: Record<string, boolean>;
}

/** The checks a probe runs; adapters add theirs once they have started. */
export interface Readiness {
  add(check: ReadinessCheck): void;
  evaluate(): Promise<ReadinessResult>;
}

/** A probe must answer even when a check hangs: such a check counts as not ready. */
const CHECK_TIMEOUT_MS = 2_000;

async function passes(check: ReadinessCheck, timeoutMs: number, clock: Clock): Promise<boolean> {
  let cancelTimer = () => {};
  const timedOut = new Promise<boolean>((resolve) => {
    cancelTimer = clock.setTimer(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve().then(() => check.check()), timedOut])) === true;
  } catch {
    return false;
  } finally {
    cancelTimer();
  }
}

export function createReadiness(
  initial: readonly ReadinessCheck[] = [],
  timeoutMs = CHECK_TIMEOUT_MS,
  clock: Clock = systemClock,
): Readiness {
  const checks = [...initial];
  return {
    add: (check) => void checks.push(check),
    async evaluate() {
      const outcomes = await Promise.all(checks.map((check) => passes(check, timeoutMs, clock)));
      const named = Object.fromEntries(
        checks.map((check, i) => [check.name, outcomes[i] === true]),
      );
      // No checks yet means nothing has started: not ready.
      return { ready: checks.length > 0 && outcomes.every(Boolean), checks: named };
    },
  };
}
