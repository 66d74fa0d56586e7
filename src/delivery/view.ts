import {
  deliveryHeadline,
  deliverySummary,
  notDeliveredText,
  sortDeliveries,
} from "../report/delivery.js";
import { countDeliveries } from "../store/receipt-rules.js";
import type { NumberDelivery, PageRow } from "../store/types.js";
import type { DeliveryView, NotDeliveredNotice, Requester } from "./types.js";

export function requesterOf(page: PageRow): Requester {
  return { platform: page.platform, id: page.actorId, name: page.actorName };
}

/** A page's report as its receipts leave it, ready for a chat to render. */
export function deliveryView(
  page: PageRow,
  numbers: readonly NumberDelivery[],
  submitted: string,
): DeliveryView {
  const counts = countDeliveries(numbers);
  const failed = numbers.filter((n) => n.state === "not-sent" || n.state === "unknown").length;
  const total = counts.delivered + counts.notDelivered + counts.waiting;
  return {
    pageId: page.id,
    requester: requesterOf(page),
    numbers: sortDeliveries(numbers),
    counts: { ...counts, total },
    summary: deliverySummary(counts),
    headline: deliveryHeadline(counts, failed),
    submitted,
  };
}

export function notDeliveredNotice(page: PageRow, numbers: NumberDelivery[]): NotDeliveredNotice {
  return {
    pageId: page.id,
    requester: requesterOf(page),
    numbers,
    text: notDeliveredText(page.id, numbers),
  };
}
