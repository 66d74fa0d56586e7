import { CsoftUnreachableError } from "../csoft/errors.js";
import type { BatchResult, NumberResult, Outcome, SendResult, ServerName } from "../csoft/types.js";
import { OUTCOME_ORDER } from "../report/text.js";
import type { PageAnnouncement, PageReport, PageResult } from "./types.js";

function withPerson(result: NumberResult, person: string | undefined): PageResult {
  return person === undefined ? result : { ...result, person };
}

const RANK = new Map(OUTCOME_ORDER.map((outcome, index) => [outcome, index]));

/** Failures and unknowns first; Array.prototype.sort is stable, so typed order holds within each. */
function byUrgency(a: NumberResult, b: NumberResult): number {
  return (RANK.get(a.outcome) ?? 0) - (RANK.get(b.outcome) ?? 0);
}

export function countOutcomes(results: readonly NumberResult[]): Record<Outcome, number> {
  const counts: Record<Outcome, number> = {
    accepted: 0,
    delivered: 0,
    warning: 0,
    failed: 0,
    unknown: 0,
  };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

export function buildPageReport(
  announcement: PageAnnouncement,
  sent: readonly SendResult[],
  people: ReadonlyMap<string, string>,
  durationMs: number,
): PageReport {
  const results: PageResult[] = sent
    .flatMap((result) => result.results)
    .map((result) => withPerson(result, people.get(result.recipient)))
    .sort(byUrgency);
  const batches = sent.flatMap((result) => result.batches);
  const servers = new Set<ServerName>();
  for (const batch of batches) if (batch.server) servers.add(batch.server);
  const reached = batches.filter((batch) => !(batch.error instanceof CsoftUnreachableError));
  return {
    announcement,
    results,
    counts: countOutcomes(results),
    servers: [...servers].sort(),
    failedOver: reached.some((batch) => batch.failedOver),
    unreached: unreachedOf(batches),
    requests: batches.length,
    durationMs,
  };
}

/** The batches that reached no server: how many results, and why, once per server and reason. */
function unreachedOf(batches: readonly BatchResult[]): PageReport["unreached"] {
  let count = 0;
  const reasons = new Set<string>();
  for (const batch of batches) {
    if (!(batch.error instanceof CsoftUnreachableError)) continue;
    count += batch.results.length;
    for (const failure of batch.error.failures) reasons.add(`${failure.server}: ${failure.reason}`);
  }
  return { results: count, reasons: [...reasons] };
}
