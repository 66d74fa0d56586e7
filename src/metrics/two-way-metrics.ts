import { Counter, Histogram, type Registry } from "prom-client";
import type { AckVia } from "../store/twoway-types.js";

/** From a reply within the minute to the end of the longest escalation policy. */
const ACK_SECONDS_BUCKETS = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 86400];

export interface TwoWayMetrics {
  /** A page acknowledged, `seconds` after the first page was recorded. Never throws. */
  observeAcknowledged(via: AckVia, seconds: number): void;
  /** An escalation step paged its recipients. Never throws. */
  observeEscalation(): void;
}

/** Registers the acknowledgement and escalation metrics on `registry`. */
export function registerTwoWayMetrics(registry: Registry): TwoWayMetrics {
  const registers = [registry];
  const acknowledged = new Counter({
    name: "csoft_chatops_pages_acknowledged_total",
    help: "Pages acknowledged, by how: a reply by SMS, or the button in chat.",
    labelNames: ["via"] as const,
    registers,
  });
  const escalations = new Counter({
    name: "csoft_chatops_escalations_total",
    help: "Escalation steps that paged their recipients because nobody acknowledged in time.",
    registers,
  });
  const ackSeconds = new Histogram({
    name: "csoft_chatops_acknowledgement_seconds",
    help: "Seconds from a page to its acknowledgement.",
    buckets: ACK_SECONDS_BUCKETS,
    registers,
  });
  return {
    observeAcknowledged(via, seconds) {
      try {
        acknowledged.inc({ via });
        ackSeconds.observe(Math.max(0, seconds));
      } catch {
        // Metrics are never worth failing an acknowledgement for.
      }
    },
    observeEscalation() {
      try {
        escalations.inc();
      } catch {
        // Nor an escalation.
      }
    },
  };
}
