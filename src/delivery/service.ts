// Delivery receipts from csoft to the page's thread: store each one first, then, coalesced per
// page, edit the report message and tell the requester of numbers that were not delivered.
import { type Clock, systemClock } from "../clock.js";
import { type DeliveryReceipt, receiptStatus } from "../csoft/receipt.js";
import { DELIVERY_EDIT_INTERVAL_MS } from "../defaults.js";
import { childLogger, type Logger } from "../log.js";
import type { NewReceipt, ReceiptRecorded, ReceiptState, Store } from "../store/types.js";
import { EditCoalescer } from "./coalesce.js";
import { GroupCommit } from "./group-commit.js";
import { createThreadPoster, type ThreadPoster } from "./threads.js";
import type { DeliveryEditor, ReceiptEvent } from "./types.js";
import { deliveryView, notDeliveredNotice } from "./view.js";

/** Counts receipts by state, and times delivered ones from sending to the handset. */
export interface ReceiptMetrics {
  observeReceipt(state: ReceiptState, secondsToHandset: number | undefined): void;
}

export interface DeliveriesOptions {
  store: Store;
  logger: Logger;
  clock?: Clock;
  metrics?: ReceiptMetrics;
  /** At most one edit per page this often; DELIVERY_EDIT_INTERVAL_MS by default. */
  editIntervalMs?: number;
  /** The chats' editors, shared with whatever else posts in page threads; its own otherwise. */
  threads?: ThreadPoster;
}

export interface Deliveries {
  /**
   * Stores one receipt (with others that arrive meanwhile, in one commit); resolves once it is
   * stored. Chat is updated afterwards.
   */
  receive(receipt: DeliveryReceipt): Promise<void>;
  /** The chat that edits pages of `platform` in this process. */
  attach(platform: string, editor: DeliveryEditor): void;
  /** Told of every receipt once stored (the terminal prints them). Must not throw. */
  onReceipt(listener: (event: ReceiptEvent) => void): void;
  /** A page's report was posted and its messages stored: receipts that came first show now. */
  pageReported(pageId: number): void;
  /** Runs the edits still waiting for their interval, then edits nothing more. */
  close(): Promise<void>;
}

function toNewReceipt(receipt: DeliveryReceipt): NewReceipt {
  const status = receiptStatus(receipt);
  const state: ReceiptState = status.final
    ? status.state === "delivered"
      ? "delivered"
      : "not-delivered"
    : "accepted";
  return {
    messageId: receipt.messageIdentifier,
    number: (receipt.sendTo ?? "").replace(/\D/g, ""),
    state,
    reportCode: receipt.report,
    meaning: status.meaning,
    handsetAt: receipt.timestamp?.getTime() ?? null,
  };
}

/** Seconds from sending to the handset, for a receipt that just said delivered. */
function secondsToHandset(receipt: NewReceipt, recorded: ReceiptRecorded): number | undefined {
  const changed = recorded.change === "new" || recorded.change === "advanced";
  if (!changed || receipt.state !== "delivered") return undefined;
  if (receipt.handsetAt === null || recorded.page === undefined) return undefined;
  return Math.max(0, (receipt.handsetAt - recorded.page.sentAt) / 1000);
}

/** Every receipt is logged, duplicates and unknown identifiers too, so csoft's retries show. */
function logReceipt(logger: Logger, receipt: NewReceipt, recorded: ReceiptRecorded): void {
  const pageId = recorded.page?.id;
  const fields = {
    messageId: receipt.messageId,
    page: pageId,
    state: receipt.state,
    code: receipt.reportCode,
  };
  if (pageId === undefined)
    logger.info(fields, "receipt for a message identifier no page has; recorded");
  else if (recorded.change === "duplicate") logger.info(fields, "duplicate receipt; recorded");
  else if (recorded.change === "stale") logger.info(fields, "receipt after a final state; ignored");
  else if (receipt.state === "not-delivered") logger.warn(fields, "not delivered to the handset");
  else logger.debug(fields, "receipt recorded");
}

/** What editing a page's report needs: the store, the chats running here, the time. */
interface Editing {
  store: Store;
  logger: Logger;
  clock: Clock;
  threads: ThreadPoster;
}

/** Shows the page's deliveries in its report, then tells the requester of numbers not delivered. */
async function edit({ store, logger, clock, threads }: Editing, pageId: number): Promise<void> {
  const messages = await store.chatMessages(pageId);
  const editor = messages && threads.editorFor(messages.platform);
  const page = editor && (await store.page(pageId));
  if (messages === undefined || editor === undefined || page === undefined) return;
  const log = childLogger(logger, { page: pageId });
  try {
    await editor.showDeliveries(
      messages,
      deliveryView(page, await store.pageDeliveries(pageId), messages.summary),
    );
  } catch (error) {
    log.warn({ err: error }, "could not show delivery receipts in the page's report");
  }
  // Claimed before posting: a requester is told at most once, from whichever process claims.
  const failed = await store.claimNotDelivered(pageId, clock.now());
  if (failed.length === 0) return;
  try {
    const { text, requester } = notDeliveredNotice(page, failed);
    const mention = requester.platform === messages.platform ? requester.id : undefined;
    await threads.note(pageId, text, mention);
  } catch (error) {
    log.warn(
      { err: error, numbers: failed.length },
      "could not tell the requester of numbers not delivered",
    );
  }
}

export function createDeliveries(options: DeliveriesOptions): Deliveries {
  const { store, logger } = options;
  const clock = options.clock ?? systemClock;
  const threads = options.threads ?? createThreadPoster(store);
  const listeners: ((event: ReceiptEvent) => void)[] = [];
  const editing: Editing = { store, logger, clock, threads };

  const coalescer = new EditCoalescer(
    clock,
    options.editIntervalMs ?? DELIVERY_EDIT_INTERVAL_MS,
    (pageId) =>
      edit(editing, pageId).catch((error: unknown) => {
        logger.warn(
          { err: error, page: pageId },
          "could not update a page with its delivery receipts",
        );
      }),
  );

  function afterStored(receipt: NewReceipt, recorded: ReceiptRecorded): void {
    const pageId = recorded.page?.id;
    logReceipt(logger, receipt, recorded);
    options.metrics?.observeReceipt(receipt.state, secondsToHandset(receipt, recorded));
    const event: ReceiptEvent = { ...receipt, change: recorded.change, pageId };
    for (const listener of listeners) listener(event);
    const changed = recorded.change === "new" || recorded.change === "advanced";
    if (pageId !== undefined && changed) coalescer.touch(pageId);
  }

  // A burst of receipts is stored in a few transactions, each answered once it commits.
  const writes = new GroupCommit((receipts: NewReceipt[]) =>
    store.recordReceipts(receipts, clock.now()),
  );

  return {
    async receive(receipt) {
      const input = toNewReceipt(receipt);
      const recorded = await writes.add(input);
      try {
        afterStored(input, recorded);
      } catch (error) {
        logger.warn({ err: error }, "a receipt was stored, but handling it afterwards failed");
      }
    },
    attach: (platform, editor) => threads.attach(platform, editor),
    onReceipt: (listener) => void listeners.push(listener),
    pageReported: (pageId) => coalescer.touch(pageId),
    close: () => coalescer.close(),
  };
}
