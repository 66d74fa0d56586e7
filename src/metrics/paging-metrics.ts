import { Counter, Histogram, type Registry } from "prom-client";
import type { SendResult } from "../csoft/types.js";
import type { PageReport, PageResult } from "../page/types.js";

/** csoft answers in well under a second when healthy; the top buckets catch time-outs. */
const CSOFT_SECONDS_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface PagingMetrics {
  /** Counts one finished page: the pager's `onPageDone` hook. Never throws. */
  observePage(report: PageReport, sent: readonly SendResult[]): void;
}

/** A report code as a label; legacy formats number their codes differently, so they say which. */
function reportCodeLabel(result: PageResult): string {
  if (result.reportCode === null) return "none";
  const code = String(result.reportCode);
  return result.scheme === "report" || result.scheme === null ? code : `${result.scheme}:${code}`;
}

/** Registers the paging counters and the csoft latency histogram on `registry`. */
export function registerPagingMetrics(registry: Registry): PagingMetrics {
  const registers = [registry];
  const pages = new Counter({
    name: "csoft_chatops_pages_total",
    help: "Pages sent (commands that reached csoft), by the platform they came from.",
    labelNames: ["platform"] as const,
    registers,
  });
  const numbers = new Counter({
    name: "csoft_chatops_numbers_total",
    help: "Numbers (or address-book members) paged.",
    registers,
  });
  const outcomes = new Counter({
    name: "csoft_chatops_outcomes_total",
    help: 'Per-number results by outcome and csoft report code ("none": no answer from csoft).',
    labelNames: ["outcome", "report_code"] as const,
    registers,
  });
  const failovers = new Counter({
    name: "csoft_chatops_failovers_total",
    help: "Requests sent to the secondary because the primary could not be reached, now or during the cool-down.",
    registers,
  });
  const csoftSeconds = new Histogram({
    name: "csoft_chatops_csoft_request_duration_seconds",
    help: 'Time of one csoft request (a batch of up to 350 numbers, failover included), by the server that answered ("none": no answer).',
    labelNames: ["server"] as const,
    buckets: CSOFT_SECONDS_BUCKETS,
    registers,
  });

  function observe(report: PageReport, sent: readonly SendResult[]): void {
    pages.inc({ platform: report.announcement.actor.platform });
    numbers.inc(report.results.length);
    for (const result of report.results) {
      outcomes.inc({ outcome: result.outcome, report_code: reportCodeLabel(result) });
    }
    for (const batch of sent.flatMap((send) => send.batches)) {
      if (batch.failedOver) failovers.inc();
      csoftSeconds.observe({ server: batch.server ?? "none" }, batch.durationMs / 1000);
    }
  }

  return {
    observePage(report, sent) {
      try {
        observe(report, sent);
      } catch {
        // Metrics are never worth failing a page's report for.
      }
    },
  };
}
