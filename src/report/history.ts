import type { Outcome } from "../csoft/types.js";
import type { Acknowledgement } from "../store/twoway-types.js";
import type { PageRow, ResultRow } from "../store/types.js";
import { describeResult, listRecipients, OUTCOME_ORDER, outcomeLabel } from "./text.js";

/** How much of a message a history line quotes. */
const QUOTED_MESSAGE = 60;

const INTERRUPTED_TEXT = "interrupted: state unknown, not resent";

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

/** What two-way SMS added to a page: the page it escalates, its acknowledgement, its replies. */
export interface PageNotes {
  escalationOf?: { pageId: number; step: number };
  acknowledged?: Acknowledgement;
  replies: number;
}

/** "· acknowledged by alice by SMS at 03:12Z, 4 min after the page · 2 replies". */
function describeNotes(page: PageRow, notes: PageNotes | undefined): string {
  if (notes === undefined) return "";
  const words: string[] = [];
  const ack = notes.acknowledged;
  if (ack !== undefined) {
    const how = ack.via === "sms" ? "by SMS" : "with the button";
    const after = Math.max(0, Math.round((ack.at - page.createdAt.getTime()) / 60_000));
    const first = ack.pageId === page.id ? "" : ` (with #${ack.pageId})`;
    words.push(
      `acknowledged by ${ack.by} ${how} at ${stamp(new Date(ack.at))}, ${after} min after the page${first}`,
    );
  }
  if (notes.replies > 0) words.push(notes.replies === 1 ? "1 reply" : `${notes.replies} replies`);
  return words.map((word) => ` · ${word}`).join("");
}

function renderPageLine(page: PageRow, notes?: PageNotes): string {
  const whom = page.recipients.length > 0 ? ` → ${listRecipients(page.recipients)}` : "";
  const resent =
    page.resendOf === null ? "" : ` (resend of #${page.resendOf} to its unknown numbers)`;
  const escalation =
    notes?.escalationOf === undefined
      ? ""
      : ` (escalation step ${notes.escalationOf.step} of #${notes.escalationOf.pageId})`;
  return `#${page.id}${resent}${escalation} ${stamp(page.createdAt)} ${page.platform} ${page.actorName}${whom} ${quote(page.message)}: ${describeState(page)}${describeNotes(page, notes)}`;
}

export function renderHistory(
  pages: readonly PageRow[],
  notes: ReadonlyMap<number, PageNotes> = new Map(),
): string {
  if (pages.length === 0) return "No pages yet.";
  const title =
    pages.length === 1 ? "The last page:" : `The last ${pages.length} pages, newest first:`;
  return [title, ...pages.map((page) => renderPageLine(page, notes.get(page.id)))].join("\n");
}

function renderResult(result: ResultRow): string {
  return `${outcomeLabel(result.outcome)} ${result.recipient}  ${describeResult(result)} at ${stamp(result.recordedAt)}`;
}

/** Each result with the page it belongs to; pages without a result (interrupted) are listed as such. */
export function renderStatus(
  query: string,
  results: readonly { result: ResultRow; page: PageRow | undefined }[],
  pagesWithoutResults: readonly PageRow[] = [],
  notes: ReadonlyMap<number, PageNotes> = new Map(),
): string {
  if (results.length === 0 && pagesWithoutResults.length === 0) {
    return `Nothing recorded for \`${query}\`: give a csoft message identifier from a page's results, or an international number (447700900123).`;
  }
  const lines = [`Status of \`${query}\`:`];
  for (const { result, page } of results) {
    lines.push(renderResult(result));
    if (page) lines.push(`  in ${renderPageLine(page, notes.get(page.id))}`);
  }
  for (const page of pagesWithoutResults) lines.push(renderPageLine(page, notes.get(page.id)));
  return lines.join("\n");
}
