import type { Generated } from "kysely";
import type { PageState, QuestionState } from "./types.js";

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
  replica_leases: { replica_id: string; renewed_at: string };
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

export const iso = (at: number): string => new Date(at).toISOString();
