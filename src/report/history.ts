import type { Outcome } from "../csoft/types.js";
import type { DeliveryCounts, PageRow, ReceiptRow, ResultRow } from "../store/types.js";
import { deliverySummary, renderReceiptRow } from "./delivery.js";
import { describeResult, listRecipients, OUTCOME_ORDER, outcomeLabel } from "./text.js";
import { describeNotes, escalationLabel, type PageNotes } from "./two-way-notes.js";

/** How much of a message a history line quotes. */
const QUOTED_MESSAGE = 60;

const INTERRUPTED_TEXT = "interrupted: state unknown, not resent";

/** Said in the thread of a page whose sender stopped mid-send, by the process that took it over. */
export function interruptedNote(pageId: number): string {
  return `Page #${pageId} ${INTERRUPTED_TEXT}: the process sending it stopped.`;
}

function stamp(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")}Z`;
}

function quote(message: string): string {
  const flat = message.replace(/\s+/g, " ");
  return `"${flat.length > QUOTED_MESSAGE ? `${flat.slice(0, QUOTED_MESSAGE - 1)}…` : flat}"`;
}

function describeCounts(counts: Partial<Record<Outcome, number>>): string {
  const parts = OUTCOME_ORDER.filter((outcome) => (counts[outcome] ?? 0) > 0).map(
    (outcome) => `${counts[outcome]} ${outcomeLabel(outcome)}`,
  );
  return parts.length > 0 ? parts.join(", ") : "no results";
}

/** What became of a page, in a few words. */
function describeState(page: PageRow): string {
  switch (page.state) {
    case "sending":
      return "SENDING now";
    case "completed":
      return describeCounts(page.counts);
    case "interrupted":
      return INTERRUPTED_TEXT;
    case "refused":
      return `REFUSED: ${page.reason ?? "no reason recorded"}`;
    case "cancelled":
      return `not sent: ${page.reason ?? "cancelled"}`;
  }
}

function renderPageLine(page: PageRow, delivery?: DeliveryCounts, notes?: PageNotes): string {
  const whom = page.recipients.length > 0 ? ` → ${listRecipients(page.recipients)}` : "";
  const resent =
    page.resendOf === null ? "" : ` (resend of #${page.resendOf} to its unknown numbers)`;
  const delivered = delivery === undefined ? "" : `; ${deliverySummary(delivery)}`;
  return `#${page.id}${resent}${escalationLabel(notes)} ${stamp(page.createdAt)} ${page.platform} ${page.actorName}${whom} ${quote(page.message)}: ${describeState(page)}${delivered}${describeNotes(page, notes)}`;
}

/** The pages, each with its delivery counts from receipts when it has numbers csoft accepted. */
export function renderHistory(
  pages: readonly PageRow[],
  deliveries: ReadonlyMap<number, DeliveryCounts> = new Map(),
  notes: ReadonlyMap<number, PageNotes> = new Map(),
): string {
  if (pages.length === 0) return "No pages yet.";
  const title =
    pages.length === 1 ? "The last page:" : `The last ${pages.length} pages, newest first:`;
  const lines = pages.map((page) =>
    renderPageLine(page, deliveries.get(page.id), notes.get(page.id)),
  );
  return [title, ...lines].join("\n");
}

function renderResult(result: ResultRow): string {
  return `${outcomeLabel(result.outcome)} ${result.recipient}  ${describeResult(result)} at ${stamp(result.recordedAt)}`;
}

/** Receipts for the results shown, and the pages any receipt came for (where "waiting" means something). */
export interface StatusReceipts {
  receipts: readonly ReceiptRow[];
  pagesWithReceipts: ReadonlySet<number>;
}

/** The receipt of a result: for its number, or for its identifier alone when csoft named none. */
function receiptOf(result: ResultRow, receipts: readonly ReceiptRow[]): ReceiptRow | undefined {
  const ofId = receipts.filter((receipt) => receipt.messageId === result.messageId);
  return ofId.find((r) => r.number === result.recipient) ?? ofId.find((r) => r.number === "");
}

/** Each result with the page it belongs to; pages without a result (interrupted) are listed as such. */
export function renderStatus(
  query: string,
  results: readonly { result: ResultRow; page: PageRow | undefined }[],
  pagesWithoutResults: readonly PageRow[] = [],
  delivery: StatusReceipts = { receipts: [], pagesWithReceipts: new Set() },
  notes: ReadonlyMap<number, PageNotes> = new Map(),
): string {
  const { receipts } = delivery;
  if (results.length === 0 && receipts.length > 0) {
    return [
      `Status of \`${query}\`: receipts for an identifier no page of this bot sent:`,
      ...receipts.map(
        (receipt) => `${receipt.number || "(no number)"}  ${renderReceiptRow(receipt)}`,
      ),
    ].join("\n");
  }
  if (results.length === 0 && pagesWithoutResults.length === 0) {
    return `Nothing recorded for \`${query}\`: give a csoft message identifier from a page's results, or an international number (447700900123).`;
  }
  const lines = [`Status of \`${query}\`:`];
  for (const { result, page } of results) {
    lines.push(renderResult(result));
    const receipt = receiptOf(result, receipts);
    if (receipt) lines.push(`  ${renderReceiptRow(receipt)}`);
    else if (
      delivery.pagesWithReceipts.has(result.pageId) &&
      (result.outcome === "accepted" || result.outcome === "warning")
    ) {
      lines.push("  delivery: waiting for csoft's receipt");
    }
    if (page) lines.push(`  in ${renderPageLine(page, undefined, notes.get(page.id))}`);
  }
  for (const page of pagesWithoutResults) {
    lines.push(renderPageLine(page, undefined, notes.get(page.id)));
  }
  return lines.join("\n");
}
