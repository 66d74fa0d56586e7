import { Counter, Histogram, type Registry } from "prom-client";
import type { ReceiptMetrics } from "../delivery/service.js";

/** From seconds (a handset nearby) to an hour (a phone switched off overnight, then on). */
const HANDSET_SECONDS_BUCKETS = [1, 2, 5, 10, 30, 60, 120, 300, 900, 3600];

const STATE_LABEL = {
  accepted: "accepted",
  delivered: "delivered",
  "not-delivered": "not_delivered",
} as const;

/** Registers `csoft_receipts_total{state}` and `csoft_send_to_handset_seconds` on `registry`. */
export function registerReceiptMetrics(registry: Registry): ReceiptMetrics {
  const registers = [registry];
  const receipts = new Counter({
    name: "csoft_receipts_total",
    help: "Delivery receipts csoft posted (authenticated), by state: accepted, delivered, not_delivered.",
    labelNames: ["state"] as const,
    registers,
  });
  const handset = new Histogram({
    name: "csoft_send_to_handset_seconds",
    help: "Seconds from sending a page to csoft's receipt time of delivery to the handset.",
    buckets: HANDSET_SECONDS_BUCKETS,
    registers,
  });
  return {
    observeReceipt(state, seconds) {
      receipts.inc({ state: STATE_LABEL[state] });
      if (seconds !== undefined) handset.observe(seconds);
    },
  };
}
