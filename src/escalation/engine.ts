/** Fires escalation steps as they fall due, over the injected Clock: each step once, anywhere. */
import type { Clock } from "../clock.js";
import { ESCALATION_POLL_MS, MAX_ESCALATION_MS } from "../defaults.js";
import type { Logger } from "../log.js";
import type { EscalationTimers, TimerRow } from "../store/twoway-types.js";

/**
 * A step found more than a day after its time (no bot ran since a terminal page, say) is
 * claimed and dropped: waking someone for an incident a day old helps nobody.
 */
const STALE_MS = MAX_ESCALATION_MS;

export interface EscalationEngineDeps {
  timers: EscalationTimers;
  clock: Clock;
  logger: Logger;
  /**
   * Pages a step this process claimed: the first page's message to the step's recipients.
   * `lateByMs` says how long after its time it fires (after a restart, say). Resolves to the
   * page it sent (recorded before sending), or undefined when none was recorded.
   */
  pageStep(step: TimerRow, lateByMs: number): Promise<number | undefined>;
  /** How often steps due are looked for without being told; ESCALATION_POLL_MS by default. */
  pollMs?: number;
}

export interface EscalationEngine {
  /** Fires what fell due while no process ran, then keeps watching. */
  start(): Promise<void>;
  /** New steps were stored: look again for the earliest. */
  scheduled(): Promise<void>;
  /** Resolves once the round in progress, if any, is over. */
  idle(): Promise<void>;
  /** Waits for a round in progress and arms nothing more. */
  stop(): Promise<void>;
}

export function createEscalationEngine(deps: EscalationEngineDeps): EscalationEngine {
  const { timers, clock, logger } = deps;
  const pollMs = deps.pollMs ?? ESCALATION_POLL_MS;
  let stopped = false;
  let cancel = () => {};
  let round: Promise<void> = Promise.resolve();

  /** One step: claimed by one process, paged by it; a failure is logged, never retried. */
  async function fire(step: TimerRow, now: number): Promise<void> {
    // Stopping: left unclaimed, for the next start or another process.
    if (stopped || !(await timers.claimTimer(step.id, now))) return;
    if (now - step.dueAt > STALE_MS) {
      logger.warn(
        { page: step.pageId, step: step.step, lateByMs: now - step.dueAt },
        "escalation step more than a day late: not paged",
      );
      return;
    }
    try {
      const page = await deps.pageStep(step, now - step.dueAt);
      logger.info({ page: step.pageId, step: step.step, escalation: page }, "escalation fired");
    } catch (error) {
      // Claimed: it is not fired again, or its recipients could be paged twice.
      logger.error({ err: error, page: step.pageId, step: step.step }, "escalation step failed");
    }
  }

  async function arm(): Promise<void> {
    cancel();
    if (stopped) return;
    const now = clock.now();
    const next = await timers.nextDue();
    const wait = next === undefined ? pollMs : Math.min(pollMs, Math.max(0, next - now));
    cancel = clock.setTimer(() => void run(), wait);
  }

  async function fireDue(): Promise<void> {
    for (;;) {
      const now = clock.now();
      const due = await timers.dueTimers(now);
      if (due.length === 0 || stopped) return;
      for (const step of due) await fire(step, now);
    }
  }

  /** Rounds run one after another: never two at once in one process. */
  function run(): Promise<void> {
    round = round.then(async () => {
      if (stopped) return;
      try {
        await fireDue();
      } catch (error) {
        logger.error({ err: error }, "could not read the escalation steps due");
      }
      await arm().catch((error: unknown) => {
        logger.error({ err: error }, "could not schedule the next escalation check");
      });
    });
    return round;
  }

  return {
    start: run,
    scheduled: run,
    idle: () => round,
    async stop() {
      stopped = true;
      cancel();
      await round;
    },
  };
}
