// Delivery receipts in words: a page's summary, each number's state, the notice of numbers not
// delivered, and the line the terminal prints as a receipt arrives.
import type { ReceiptEvent } from "../delivery/types.js";
import type {
  DeliveryCounts,
  NumberDelivery,
  NumberDeliveryState,
  ReceiptRow,
} from "../store/types.js";
import { describeCode } from "./text.js";

/** What needs a human first. */
export const DELIVERY_ORDER: readonly NumberDeliveryState[] = [
  "not-delivered",
  "not-sent",
  "unknown",
  "waiting",
  "delivered",
];

const LABEL: Record<NumberDeliveryState, string> = {
  "not-delivered": "NOT DELIVERED",
  "not-sent": "FAILED",
  unknown: "UNKNOWN",
  waiting: "waiting",
  delivered: "delivered",
};

/** How many numbers a notice names before it says "and N more". */
const NOTICE_NUMBERS = 20;

export function deliveryLabel(state: NumberDeliveryState): string {
  return LABEL[state];
}

/** "2026-11-30 14:05:09Z" */
export function stampSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** "delivered 3 of 4, 1 not delivered, 0 waiting" */
export function deliverySummary(counts: DeliveryCounts): string {
  const total = counts.delivered + counts.notDelivered + counts.waiting;
  return `delivered ${counts.delivered} of ${total}, ${counts.notDelivered} not delivered, ${counts.waiting} waiting`;
}

/** A line above everything: what needs a human, else how far delivery has got. */
export function deliveryHeadline(counts: DeliveryCounts, failedToSend: number): string {
  const total = counts.delivered + counts.notDelivered + counts.waiting;
  const problems: string[] = [];
  if (counts.notDelivered > 0) problems.push(`${counts.notDelivered} NOT DELIVERED`);
  if (failedToSend > 0) problems.push(`${failedToSend} not sent`);
  if (problems.length > 0) return `${problems.join(", ")} of ${total + failedToSend}`;
  if (counts.waiting === 0) return total === 1 ? "Delivered" : `Delivered to all ${total}`;
  return `${counts.delivered} of ${total} delivered, ${counts.waiting} waiting`;
}

/** A number's state in words: when it reached the handset, or the code and what it means. */
export function describeNumberDelivery(number: NumberDelivery): string {
  if (number.state === "delivered") {
    return number.handsetAt === null
      ? "on the handset"
      : `on the handset at ${stampSeconds(number.handsetAt)}`;
  }
  return `${describeCode(number.reportCode)}  ${number.meaning}`;
}

export function renderDeliveryLine(number: NumberDelivery): string {
  const id = number.messageId === null ? "no message id" : `id ${number.messageId}`;
  return `${deliveryLabel(number.state).padEnd(13)} ${number.recipient}  ${describeNumberDelivery(number)}  ${id}`;
}

/** Every number in the order a person should read them. */
export function sortDeliveries(numbers: readonly NumberDelivery[]): NumberDelivery[] {
  const rank = (n: NumberDelivery) => DELIVERY_ORDER.indexOf(n.state);
  return [...numbers].sort((a, b) => rank(a) - rank(b));
}

/** The reply in the thread when numbers did not reach their handsets (without the mention). */
export function notDeliveredText(pageId: number, numbers: readonly NumberDelivery[]): string {
  const count = numbers.length === 1 ? "1 number was" : `${numbers.length} numbers were`;
  const listed = numbers
    .slice(0, NOTICE_NUMBERS)
    .map((n) => `${n.recipient} (${describeCode(n.reportCode)}: ${n.meaning})`);
  const more = numbers.length - NOTICE_NUMBERS;
  const tail = more > 0 ? ` and ${more} more` : "";
  return `${count} NOT DELIVERED for page #${pageId}: ${listed.join(", ")}${tail}. Page them another way.`;
}

/** What the terminal prints as a receipt arrives. */
export function renderReceiptEvent(event: ReceiptEvent): string {
  const page = event.pageId === undefined ? "for no page we sent," : `page #${event.pageId}`;
  const who = event.number === "" ? "" : ` ${event.number}`;
  const state =
    event.state === "delivered"
      ? `delivered${event.handsetAt === null ? "" : ` at ${stampSeconds(new Date(event.handsetAt))}`}`
      : `${event.state === "accepted" ? "accepted" : "NOT DELIVERED"}: ${describeCode(event.reportCode)} ${event.meaning}`;
  const again =
    event.change === "duplicate" ? " (again)" : event.change === "stale" ? " (late; ignored)" : "";
  return `receipt ${page}${who}: ${state}, id ${event.messageId}${again}`;
}

/** The receipt of one result, for `/sms status`. */
export function renderReceiptRow(receipt: ReceiptRow): string {
  const when = receipt.handsetAt === null ? "" : ` at ${stampSeconds(new Date(receipt.handsetAt))}`;
  const state =
    receipt.state === "delivered"
      ? `delivered to the handset${when}`
      : `${receipt.state === "accepted" ? "accepted, on its way" : "NOT DELIVERED"}: ${describeCode(receipt.reportCode)} ${receipt.meaning}`;
  return `delivery: ${state}`;
}
