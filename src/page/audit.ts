import type { HistoryCommand, StatusCommand } from "../command/types.js";
import type { HistoryStore, PageRow } from "../history/types.js";
import { renderHistory, renderStatus } from "../report/history.js";

/** How many results `/sms status <number>` shows: the latest pages to that number. */
const STATUS_RESULTS = 10;

export function answerHistory(store: HistoryStore, command: HistoryCommand): string {
  return renderHistory(store.recentPages(command.limit));
}

export function answerStatus(store: HistoryStore, command: StatusCommand): string {
  const results = [
    ...store.resultsByMessageId(command.query),
    ...(command.number === null ? [] : store.resultsByRecipient(command.number, STATUS_RESULTS)),
  ];
  const unfinished =
    command.number === null ? [] : store.unfinishedPagesTo(command.number, STATUS_RESULTS);
  // A whole-request answer gives every number of a batch the same message id: read each page once.
  const pages = new Map<number, PageRow | undefined>();
  const pageOf = (id: number) => {
    if (!pages.has(id)) pages.set(id, store.page(id));
    return pages.get(id);
  };
  return renderStatus(
    command.query,
    results.map((result) => ({ result, page: pageOf(result.pageId) })),
    unfinished,
  );
}
