import type { NumberResult, Outcome } from "../../src/csoft/types.js";
import { countOutcomes } from "../../src/page/report.js";
import type { PageAnnouncement, PageReport } from "../../src/page/types.js";

/** A number's result as the client makes it: code 15 for a failure, none when unknown. */
export function fakeResult(
  recipient: string,
  outcome: Outcome,
  meaning = "accepted by csoft and queued",
): NumberResult {
  const answered = outcome !== "unknown";
  return {
    recipient,
    reportCode: answered ? (outcome === "failed" ? 15 : -2) : null,
    scheme: answered ? "report" : null,
    outcome,
    meaning,
    csoftText: meaning,
    messageId: answered ? "30106CCE" : null,
    server: answered ? "primary" : null,
  };
}

/** A report of the given results, counted, as if one request to the primary took `durationMs`. */
export function fakeReport(
  announcement: PageAnnouncement,
  results: NumberResult[],
  extra: Partial<PageReport> = {},
): PageReport {
  return {
    announcement,
    results,
    counts: countOutcomes(results),
    servers: ["primary"],
    failedOver: false,
    unreached: { results: 0, reasons: [] },
    requests: 1,
    durationMs: 42,
    ...extra,
  };
}
