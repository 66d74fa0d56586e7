import type { NumberResult, Outcome, SendResult, ServerName } from "../csoft/types.js";
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
  return {
    announcement,
    results,
    counts: countOutcomes(results),
    servers: [...servers].sort(),
    failedOver: batches.some((batch) => batch.failedOver),
    requests: batches.length,
    durationMs,
  };
}
