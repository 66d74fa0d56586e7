import type { DeliveryOptions } from "../command/types.js";
import type { NumberResult, Outcome, ServerName } from "../csoft/types.js";
import type { Actor } from "../page/types.js";

export type PageState = "sending" | "completed" | "interrupted" | "refused" | "cancelled";

/** What is written before anything is sent. */
export interface NewPage {
  actor: Actor;
  channelId?: string;
  requestKey?: string;
  /** As the parent message lists them. */
  recipients: readonly string[];
  numbers: readonly string[];
  addressBooks: readonly string[];
  message: string;
  options: DeliveryOptions;
  /** The page this one resends to its unknown numbers. */
  resendOf?: number;
}

/** A command turned down before sending: by a rule, or by the person who typed it. */
export interface Declined {
  actor: Actor;
  channelId?: string;
  requestKey?: string;
  /** The command as typed, or what is known of it. */
  message: string;
  recipients?: readonly string[];
  state: "refused" | "cancelled";
  reason: string;
}

export interface PageRow {
  id: number;
  platform: string;
  actorId: string;
  actorName: string;
  channelId: string | null;
  createdAt: Date;
  recipients: string[];
  numberCount: number;
  addressBooks: string[];
  message: string;
  state: PageState;
  reason: string | null;
  completedAt: Date | null;
  counts: Partial<Record<Outcome, number>>;
  /** The page this one resent to its unknown numbers. */
  resendOf: number | null;
}

/** What a resend of a page needs: its message, options and the numbers left unknown. */
export interface ResendSource {
  page: PageRow;
  options: DeliveryOptions;
  /** Numbers paged one by one (not address books) whose result is unknown, in the order paged. */
  unknownNumbers: string[];
}

export interface ResultRow {
  pageId: number;
  recipient: string;
  reportCode: number | null;
  outcome: Outcome;
  meaning: string;
  messageId: string | null;
  server: ServerName | null;
  recordedAt: Date;
}

/** Where pages are written before sending and completed after; the audit trail. */
export interface HistoryStore {
  /** Claims a request key; false when it was claimed before (a redelivery). */
  claimRequest(key: string, at: Date): boolean;
  /** Gives a claimed key back, when what it claimed did not happen (nothing was sent). */
  releaseRequest(key: string): void;
  /** Forgets request keys received before `at` (redeliveries come within minutes); returns how many. */
  forgetRequestsBefore(at: Date): number;
  recordPage(page: NewPage, at: Date): number;
  completePage(id: number, results: readonly NumberResult[], at: Date): void;
  recordDeclined(declined: Declined, at: Date): number;
  /** Marks pages still sending (all, or those given) as interrupted; returns how many. */
  markInterrupted(at: Date, ids?: readonly number[]): number;
  recentPages(limit: number): PageRow[];
  page(id: number): PageRow | undefined;
  resendSource(id: number): ResendSource | undefined;
  resultsByMessageId(messageId: string): ResultRow[];
  resultsByRecipient(recipient: string, limit: number): ResultRow[];
  /** Pages to this number with no results: still sending, or interrupted. */
  unfinishedPagesTo(number: string, limit: number): PageRow[];
  close(): void;
}
