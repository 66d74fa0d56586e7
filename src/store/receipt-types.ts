// Delivery receipts as the store keeps them, and where each page's chat messages are.

/** What a delivery receipt says of one message: on its way, or one of two final states. */
export type ReceiptState = "accepted" | "delivered" | "not-delivered";

/** A receipt as csoft posted it, read: what the store keeps of it. */
export interface NewReceipt {
  messageId: string;
  /** The handset, digits only; "" when csoft did not say (the identifier alone names it). */
  number: string;
  state: ReceiptState;
  reportCode: number;
  /** The code's meaning from the report-code table, else csoft's Text. */
  meaning: string;
  /** When the handset got it (delivered), or csoft recorded the status; null when not given. */
  handsetAt: number | null;
}

/**
 * What recording a receipt did. `new` and `advanced` changed the stored state; `duplicate`
 * repeated it; `stale` came after a final state, which it never replaces.
 */
export interface ReceiptRecorded {
  change: "new" | "advanced" | "duplicate" | "stale";
  /** The state stored now, after this receipt. */
  state: ReceiptState;
  /** The page that sent the message, when its results are recorded; else an unknown identifier. */
  page: { id: number; sentAt: number } | undefined;
}

/**
 * One number of a page, as delivery receipts left it. `not-sent` and `unknown` are numbers
 * csoft refused, or whose answer was lost, when the page was sent: no receipt is expected.
 */
export type NumberDeliveryState =
  | "waiting"
  | "delivered"
  | "not-delivered"
  | "not-sent"
  | "unknown";

export interface NumberDelivery {
  recipient: string;
  messageId: string | null;
  state: NumberDeliveryState;
  /** The receipt's code, else the code csoft answered when the page was sent. */
  reportCode: number | null;
  meaning: string;
  /** Delivered: when the handset got it, when csoft said. */
  handsetAt: Date | null;
}

/** A stored receipt, as `/sms status` shows it. */
export interface ReceiptRow extends NewReceipt {
  receivedAt: Date;
  /** How many times csoft posted a receipt for this message and number. */
  received: number;
}

/** Delivery counts of a page's numbers that csoft accepted. */
export interface DeliveryCounts {
  delivered: number;
  notDelivered: number;
  waiting: number;
}

/**
 * Where a page's chat messages are, in the platform's own terms (JSON the adapter wrote and
 * alone reads), so that any process can edit them later.
 */
export interface ChatMessages {
  platform: string;
  /** The visible parent message. */
  parent: unknown;
  /** The thread message that opens the page's report: the one edited with delivery states. */
  report: unknown;
  /** The report's summary when it was sent (servers, requests, time), kept for re-rendering. */
  summary: string;
}

/**
 * Where a page's thread is, in the platform's own terms (JSON its adapter wrote and alone
 * reads): known as soon as the page is announced, before its report exists.
 */
export interface PageThread {
  platform: string;
  thread: unknown;
}

/**
 * Delivery receipts per message and number, and each page's chat messages. A receipt is
 * idempotent; a final state (delivered, not delivered) is never replaced by a later one.
 */
export interface DeliveryReceipts {
  recordReceipt(receipt: NewReceipt, at: number): Promise<ReceiptRecorded>;
  /**
   * Records several receipts in one transaction (one commit for a burst), each as
   * `recordReceipt` would, in order; answers in the same order.
   */
  recordReceipts(receipts: readonly NewReceipt[], at: number): Promise<ReceiptRecorded[]>;
  /** Every number of a page with its delivery state, in the order its results were recorded. */
  pageDeliveries(pageId: number): Promise<NumberDelivery[]>;
  /** Receipts for these message identifiers. */
  receiptsFor(messageIds: readonly string[]): Promise<ReceiptRow[]>;
  /** Delivery counts of these pages; a page no receipt came for is left out. */
  deliveryCounts(pageIds: readonly number[]): Promise<Map<number, DeliveryCounts>>;
  /**
   * The page's numbers not delivered that nobody was told of yet, claimed atomically: each is
   * returned once, to one caller, in any process.
   */
  claimNotDelivered(pageId: number, at: number): Promise<NumberDelivery[]>;
  saveChatMessages(pageId: number, messages: ChatMessages, at: number): Promise<void>;
  /** Where a page's thread is, kept once it is announced, before anything is sent. */
  saveThread(pageId: number, thread: PageThread, at: number): Promise<void>;
  pageThread(pageId: number): Promise<PageThread | undefined>;
  chatMessages(pageId: number): Promise<ChatMessages | undefined>;
}
