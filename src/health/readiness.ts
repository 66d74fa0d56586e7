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

async function passes(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return (await Promise.race([Promise.resolve().then(() => check.check()), timedOut])) === true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function createReadiness(
  initial: readonly ReadinessCheck[] = [],
  timeoutMs = CHECK_TIMEOUT_MS,
): Readiness {
  const checks = [...initial];
  return {
    add: (check) => void checks.push(check),
    async evaluate() {
      const outcomes = await Promise.all(checks.map((check) => passes(check, timeoutMs)));
      const named = Object.fromEntries(
        checks.map((check, i) => [check.name, outcomes[i] === true]),
      );
      // No checks yet means nothing has started: not ready.
      return { ready: checks.length > 0 && outcomes.every(Boolean), checks: named };
    },
  };
}
