import type { PageAnnouncement, Thread } from "../page/types.js";
import type {
  ChatMessages,
  DeliveryCounts,
  NumberDelivery,
  ReceiptRecorded,
  ReceiptState,
} from "../store/types.js";

/** A page's thread as the notes after its report need it. */
export type NoteThread = Required<Pick<Thread, "note">>;

/** Who sent a page, as a chat mentions them. */
export interface Requester {
  platform: string;
  id: string;
  name: string;
}

/** A page's report as delivery receipts left it: what an edit of its report message shows. */
export interface DeliveryView {
  pageId: number;
  requester: Requester;
  /** Every number, what needs a human first: not delivered, not sent, unknown, waiting, delivered. */
  numbers: NumberDelivery[];
  counts: DeliveryCounts & { total: number };
  /** "delivered 3 of 4, 1 not delivered, 0 waiting" */
  summary: string;
  /** One line above everything: "1 NOT DELIVERED of 4", "Delivered to all 4". */
  headline: string;
  /** The report's summary from when the page was sent (servers, requests, time). */
  submitted: string;
}

/** Numbers newly known not to have reached their handset: a reply that mentions the requester. */
export interface NotDeliveredNotice {
  pageId: number;
  requester: Requester;
  numbers: NumberDelivery[];
  /** Plain text without the mention, which each chat writes its own way. */
  text: string;
}

/**
 * What a chat does with delivery receipts, for pages it posted: any process running that
 * chat can do it, from the messages the store keeps (Slack chat.update, a Discord edit).
 */
export interface DeliveryEditor {
  /** Re-renders the page's report message with each number's delivery state. */
  showDeliveries(messages: ChatMessages, view: DeliveryView): Promise<void>;
  /**
   * The page's thread, reopened from where it was stored once announced (Thread.where), before
   * sending: receipts, replies, acknowledgements, escalations and interrupted pages note there.
   */
  threadAt(where: unknown): NoteThread;
  /**
   * Shows on the page's parent message who acknowledged (`shown`), in place of its Acknowledge
   * button; `announcement` is the parent rebuilt from the store, for a chat that rewrites it whole.
   */
  showAcknowledged?(
    messages: ChatMessages,
    announcement: PageAnnouncement,
    shown: string,
  ): Promise<void>;
  /** A channel of this chat by its id, to post in (replies that match no page). */
  channel?(channelId: string): NoteThread;
}

/** One receipt as it was recorded: what the terminal prints as it arrives. */
export interface ReceiptEvent {
  messageId: string;
  number: string;
  state: ReceiptState;
  reportCode: number;
  meaning: string;
  handsetAt: number | null;
  change: ReceiptRecorded["change"];
  pageId: number | undefined;
}
