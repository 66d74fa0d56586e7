import type { Generated } from "kysely";
import type { AckVia, TimerState } from "./twoway-types.js";
import type { PageState, QuestionState, ReceiptState } from "./types.js";

/**
 * The tables as both engines hold them. Times are ISO-8601 UTC text (as the first SQLite release
 * wrote them): their text order is their time order, on either engine. Lists and options are
 * JSON text.
 */
export interface Schema {
  request_keys: { key: string; received_at: string };
  pages: PagesTable;
  results: ResultsTable;
  questions: QuestionsTable;
  receipts: ReceiptsTable;
  chat_messages: ChatMessagesTable;
  replies: RepliesTable;
  acknowledgements: AcknowledgementsTable;
  escalation_timers: EscalationTimersTable;
  replica_leases: { replica_id: string; renewed_at: string };
  page_threads: { page_id: number; platform: string; thread: string; saved_at: string };
}

export interface PagesTable {
  id: Generated<number>;
  request_key: string | null;
  platform: string;
  actor_id: string;
  actor_name: string;
  channel_id: string | null;
  created_at: string;
  recipients: string;
  numbers: string;
  address_books: string;
  message: string;
  options: string;
  state: PageState;
  reason: string | null;
  completed_at: string | null;
  resend_of: number | null;
  /** The replica that sends it; null on a store opened without one (a single process). */
  replica_id: Generated<string | null>;
}

export interface ResultsTable {
  /** Insertion order: SQLite's implicit rowid, a column of that name on PostgreSQL. */
  rowid: Generated<number>;
  page_id: number;
  recipient: string;
  report_code: number | null;
  outcome: string;
  meaning: string;
  message_id: string | null;
  server: string | null;
  recorded_at: string;
}

export interface QuestionsTable {
  id: string;
  requester_platform: string;
  requester_id: string;
  payload: string;
  state: QuestionState;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
}

export interface RepliesTable {
  id: Generated<number>;
  received_at: string;
  sender: string;
  two_way_number: string;
  message: string;
  sent_at: string | null;
  message_id: string | null;
  page_id: number | null;
}

export interface AcknowledgementsTable {
  /** The first page of its chain: one acknowledgement per page, the first to be written. */
  page_id: number;
  via: AckVia;
  by_name: string;
  reply_id: number | null;
  acknowledged_at: string;
}

export interface EscalationTimersTable {
  id: Generated<number>;
  page_id: number;
  step: number;
  due_at: string;
  /** JSON list of the step's recipients as written. */
  recipients: string;
  /** 1 or 0. */
  on_failure: number;
  state: TimerState;
  ended_at: string | null;
  escalation_page_id: number | null;
}

/** One row per message and handset: its delivery state, which only ever moves forward. */
export interface ReceiptsTable {
  message_id: string;
  /** Digits only; '' when csoft did not name the handset. */
  number: string;
  state: ReceiptState;
  report_code: number;
  meaning: string;
  handset_at: string | null;
  first_received_at: string;
  received_at: string;
  /** How many receipts csoft posted for this message and handset. */
  received: number;
  /** When the requester was told this number was not delivered. */
  notified_at: string | null;
}

/** Where a page's chat messages are: JSON its adapter wrote, for edits from any process. */
export interface ChatMessagesTable {
  page_id: number;
  platform: string;
  parent: string;
  report: string;
  summary: string;
  saved_at: string;
}

export const iso = (at: number): string => new Date(at).toISOString();
