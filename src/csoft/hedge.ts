import type { Clock } from "../clock.js";
import type { Connection } from "./connection.js";
import type { ServerFailure } from "./errors.js";
import type { CsoftServer } from "./server.js";
import type { ServerName } from "./types.js";

export interface Candidate {
  name: ServerName;
  server: CsoftServer;
}

export interface Linked {
  /** The server whose connection completed first, with that connection; none if all failed. */
  link?: { name: ServerName; connection: Connection };
  /** The candidates that failed to connect, in the order they failed. */
  failures: ServerFailure[];
}

/**
 * Hedged connect: connects to the first candidate; if that has not completed (TCP and TLS) within
 * `hedgeDelayMs`, or has failed, connects to the next as well. The first connection to complete
 * wins and is returned; one that completes later is closed unused. Nothing is written here, so a
 * request can only ever go over the one winner. `hedgeDelayMs` 0: the next candidate is tried only
 * after a failure. The hedge delay runs on `clock`.
 */
export function connectHedged(
  candidates: readonly Candidate[],
  hedgeDelayMs: number,
  clock: Clock,
) {
  return new Promise<Linked>((resolve) => {
    const failures: ServerFailure[] = [];
    let started = 0;
    let pending = 0;
    let done = false;
    let cancelHedge = () => {};

    const finish = (link?: Linked["link"]): void => {
      done = true;
      cancelHedge();
      resolve(link ? { link, failures } : { failures });
    };
    const startNext = (): void => {
      cancelHedge();
      const candidate = candidates[started++];
      if (!candidate) return;
      pending += 1;
      void candidate.server.open().then((opened) => {
        pending -= 1;
        if (opened.kind === "connected") {
          if (done) opened.connection.close();
          else finish({ name: candidate.name, connection: opened.connection });
          return;
        }
        if (done) return;
        failures.push({ server: candidate.name, reason: opened.reason, error: opened.error });
        if (started < candidates.length) startNext();
        else if (pending === 0) finish();
      });
      if (hedgeDelayMs > 0 && started < candidates.length) {
        cancelHedge = clock.setTimer(startNext, hedgeDelayMs);
      }
    };
    if (candidates.length === 0) finish();
    else startNext();
  });
}
