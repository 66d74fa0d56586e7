import type { HistoryCommand, StatusCommand } from "../command/types.js";
import { renderHistory, renderStatus } from "../report/history.js";
import type { DeliveryReceipts, PageHistory, PageRow } from "../store/types.js";

/** How many results `/sms status <number>` shows: the latest pages to that number. */
const STATUS_RESULTS = 10;

type AuditStore = PageHistory & DeliveryReceipts;

export async function answerHistory(store: AuditStore, command: HistoryCommand): Promise<string> {
  const pages = await store.recentPages(command.limit);
  return renderHistory(pages, await store.deliveryCounts(pages.map((page) => page.id)));
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
  );
}
