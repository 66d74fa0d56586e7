import type { HistoryCommand, StatusCommand } from "../command/types.js";
import { renderHistory, renderStatus } from "../report/history.js";
import type { PageNotes } from "../report/two-way-notes.js";
import type { TwoWayStore } from "../store/twoway-types.js";
import type { DeliveryReceipts, PageHistory, PageRow } from "../store/types.js";

/** How many results `/sms status <number>` shows: the latest pages to that number. */
const STATUS_RESULTS = 10;

type AuditStore = PageHistory & DeliveryReceipts & TwoWayStore;

export async function answerHistory(store: AuditStore, command: HistoryCommand): Promise<string> {
  const pages = await store.recentPages(command.limit);
  const deliveries = await store.deliveryCounts(pages.map((page) => page.id));
  return renderHistory(pages, deliveries, await notesOf(store, pages));
}

/** Each page's escalation link, acknowledgement and replies, for the audit lines. */
async function notesOf(
  store: AuditStore,
  pages: readonly (PageRow | undefined)[],
): Promise<Map<number, PageNotes>> {
  const notes = new Map<number, PageNotes>();
  for (const page of pages) {
    if (page === undefined || notes.has(page.id)) continue;
    const first = await store.firstPageOf(page.id);
    const step =
      first === page.id
        ? undefined
        : (await store.timersOf(first)).find((timer) => timer.escalationPageId === page.id);
    const acknowledged = await store.acknowledgement(page.id);
    notes.set(page.id, {
      ...(step !== undefined && { escalationOf: { pageId: first, step: step.step } }),
      ...(acknowledged !== undefined && { acknowledged }),
      replies: (await store.repliesTo(page.id)).length,
    });
  }
  return notes;
}

export async function answerStatus(store: AuditStore, command: StatusCommand): Promise<string> {
  const { number } = command;
  const results = [
    ...(await store.resultsByMessageId(command.query)),
    ...(number === null ? [] : await store.resultsByRecipient(number, STATUS_RESULTS)),
  ];
  const unfinished = number === null ? [] : await store.unfinishedPagesTo(number, STATUS_RESULTS);
  // A whole-request answer gives every number of a batch the same message id: read each page once.
  const pages = new Map<number, PageRow | undefined>();
  for (const { pageId } of results) {
    if (!pages.has(pageId)) pages.set(pageId, await store.page(pageId));
  }
  const ids = new Set([
    command.query,
    ...results.flatMap((r) => (r.messageId ? [r.messageId] : [])),
  ]);
  const withReceipts = await store.deliveryCounts([...pages.keys()]);
  return renderStatus(
    command.query,
    results.map((result) => ({ result, page: pages.get(result.pageId) })),
    unfinished,
    {
      receipts: await store.receiptsFor([...ids]),
      pagesWithReceipts: new Set(withReceipts.keys()),
    },
    await notesOf(store, [...pages.values(), ...unfinished]),
  );
}
