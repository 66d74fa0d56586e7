/** What two-way SMS adds to a page's audit line: what it escalates, who acknowledged, replies. */
import type { Acknowledgement } from "../store/twoway-types.js";
import type { PageRow } from "../store/types.js";

export interface PageNotes {
  escalationOf?: { pageId: number; step: number };
  acknowledged?: Acknowledgement;
  replies: number;
}

const stamp = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")}Z`;

/** " (escalation step 1 of #42)", or nothing. */
export function escalationLabel(notes: PageNotes | undefined): string {
  const of = notes?.escalationOf;
  return of === undefined ? "" : ` (escalation step ${of.step} of #${of.pageId})`;
}

/** " · acknowledged by alice by SMS at 03:12Z, 4 min after the page · 2 replies", or nothing. */
export function describeNotes(page: PageRow, notes: PageNotes | undefined): string {
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
