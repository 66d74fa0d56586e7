// Prometheus metrics: a registry of our own (never prom-client's global one), so several bots or
// tests in one process do not collide.
import { collectDefaultMetrics, Registry } from "prom-client";
import type { ReceiptMetrics } from "../delivery/service.js";
import { type CreditMetrics, registerCreditMetrics } from "./credit-gauge.js";
import { type PagingMetrics, registerPagingMetrics } from "./paging-metrics.js";
import { registerReceiptMetrics } from "./receipt-metrics.js";
import { registerTwoWayMetrics, type TwoWayMetrics } from "./two-way-metrics.js";

export { observedCredit } from "./credit-gauge.js";

export interface Metrics extends PagingMetrics, ReceiptMetrics, CreditMetrics, TwoWayMetrics {
  readonly registry: Registry;
  /** The exposition text and its content type, for a `/metrics` endpoint. */
  render(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsOptions {
  /** Node process metrics (CPU, memory, event loop lag, GC); on by default. */
  processMetrics?: boolean;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const paging = registerPagingMetrics(registry);
  const receipts = registerReceiptMetrics(registry);
  const credit = registerCreditMetrics(registry);
  const twoWay = registerTwoWayMetrics(registry);
  return {
    registry,
    observePage: paging.observePage,
    observeReceipt: receipts.observeReceipt,
    observeCredit: credit.observeCredit,
    observeAcknowledged: twoWay.observeAcknowledged,
    observeEscalation: twoWay.observeEscalation,
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
