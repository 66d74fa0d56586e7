// The rules every store applies to delivery receipts, written once: how a receipt changes what
// is stored, and what a page's number shows from its result and its receipt.
import type { Outcome } from "../csoft/types.js";
import type {
  DeliveryCounts,
  NewReceipt,
  NumberDelivery,
  NumberDeliveryState,
  ReceiptRecorded,
  ReceiptState,
} from "./types.js";

const FINAL: ReadonlySet<ReceiptState> = new Set(["delivered", "not-delivered"]);

export function isFinal(state: ReceiptState): boolean {
  return FINAL.has(state);
}

/**
 * What a receipt does to the stored state: the same state and code again is a duplicate;
 * anything after a final state is stale and changes nothing; otherwise it moves forward.
 */
export function receiptChange(
  stored: { state: ReceiptState; reportCode: number } | undefined,
  incoming: NewReceipt,
): ReceiptRecorded["change"] {
  if (stored === undefined) return "new";
  if (stored.state === incoming.state && stored.reportCode === incoming.reportCode) {
    return "duplicate";
  }
  return isFinal(stored.state) ? "stale" : "advanced";
}

/** A page's result, with the receipt stored for its message when there is one. */
export interface ResultWithReceipt {
  recipient: string;
  messageId: string | null;
  outcome: Outcome;
  reportCode: number | null;
  meaning: string;
  receipt:
    | { state: ReceiptState; reportCode: number; meaning: string; handsetAt: Date | null }
    | undefined;
}

const BY_OUTCOME: Record<Outcome, NumberDeliveryState> = {
  // csoft answered 0 when the page was sent: on the handset already.
  delivered: "delivered",
  accepted: "waiting",
  warning: "waiting",
  failed: "not-sent",
  unknown: "unknown",
};

/** One number's delivery: its receipt's state, else what the answer when sending implies. */
export function toNumberDelivery(row: ResultWithReceipt): NumberDelivery {
  const { recipient, messageId, receipt } = row;
  const sentOk = row.outcome !== "failed" && row.outcome !== "unknown";
  if (receipt === undefined || !sentOk) {
    return {
      recipient,
      messageId,
      state: BY_OUTCOME[row.outcome],
      reportCode: row.reportCode,
      meaning: row.meaning,
      handsetAt: null,
    };
  }
  return {
    recipient,
    messageId,
    state: receipt.state === "accepted" ? "waiting" : receipt.state,
    reportCode: receipt.reportCode,
    meaning: receipt.meaning,
    handsetAt: receipt.state === "delivered" ? receipt.handsetAt : null,
  };
}

/** One delivery per number: where a number has two receipt rows, a final state wins. */
export function onePerNumber(rows: readonly ResultWithReceipt[]): NumberDelivery[] {
  const byNumber = new Map<string, NumberDelivery>();
  for (const row of rows) {
    const delivery = toNumberDelivery(row);
    const key = `${delivery.recipient}\u0000${delivery.messageId ?? ""}`;
    const held = byNumber.get(key);
    if (held === undefined || held.state === "waiting") byNumber.set(key, delivery);
  }
  return [...byNumber.values()];
}

/** Counts over the numbers csoft accepted: those a receipt can be expected for. */
export function countDeliveries(numbers: readonly NumberDelivery[]): DeliveryCounts {
  const counts: DeliveryCounts = { delivered: 0, notDelivered: 0, waiting: 0 };
  for (const { state } of numbers) {
    if (state === "delivered") counts.delivered += 1;
    else if (state === "not-delivered") counts.notDelivered += 1;
    else if (state === "waiting") counts.waiting += 1;
  }
  return counts;
}
