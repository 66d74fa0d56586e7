import type { RateLimit } from "../access/rate-limit.js";
import type { DeliveryOptions } from "../command/types.js";
import type { NumberResult, Outcome, ServerName } from "../csoft/types.js";
import type { Actor } from "../page/types.js";
import type { DeliveryReceipts } from "./receipt-types.js";
import type { TwoWayStore } from "./twoway-types.js";

export type {
  ChatMessages,
  DeliveryCounts,
  DeliveryReceipts,
  NewReceipt,
  NumberDelivery,
  NumberDeliveryState,
  PageThread,
  ReceiptRecorded,
  ReceiptRow,
  ReceiptState,
} from "./receipt-types.js";

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
  /** The replica that recorded it for sending; null on a store opened without a replica id. */
  replicaId: string | null;
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

/** Who a rate window counts: one person on one platform. */
export type Person = Pick<Actor, "platform" | "id">;

/** A page recorded as sending, or why not: the requester's rate window is full. */
export type Recorded = { recorded: true; id: number } | { recorded: false; retryInMs: number };

/** Exactly once: a command redelivered by its chat, or a resend offer taken twice, runs once. */
export interface RequestKeys {
  /** Claims a key atomically; false when it was claimed before (a redelivery), here or elsewhere. */
  claimRequest(key: string, at: number): Promise<boolean>;
  /** Gives a claimed key back, when what it claimed did not happen (nothing was sent). */
  releaseRequest(key: string): Promise<void>;
  /** Forgets keys received before `at` (redeliveries come within minutes); returns how many. */
  forgetRequestsBefore(at: number): Promise<number>;
}

/** The audit trail: every page written before sending, completed with each number's result. */
export interface PageHistory {
  /**
   * Records a page as sending. With `limit`, only while its requester has sent fewer than
   * `limit.count` pages within `limit.windowMs` of `at`: the count and the insert are one
   * atomic step, so two pages at once by one person cannot both take the last slot (SQLite:
   * an IMMEDIATE transaction; PostgreSQL: a per-person advisory lock for the transaction).
   */
  recordPage(page: NewPage, at: number, limit?: RateLimit): Promise<Recorded>;
  completePage(id: number, results: readonly NumberResult[], at: number): Promise<void>;
  /** A page recorded as sending that was not sent after all (the chat refused to post it). */
  refusePage(id: number, reason: string, at: number): Promise<void>;
  recordDeclined(declined: Declined, at: number): Promise<number>;
  /** Marks pages still sending (all, or those given) as interrupted; returns how many. */
  markInterrupted(at: number, ids?: readonly number[]): Promise<number>;
  recentPages(limit: number): Promise<PageRow[]>;
  page(id: number): Promise<PageRow | undefined>;
  resendSource(id: number): Promise<ResendSource | undefined>;
  resultsByMessageId(messageId: string): Promise<ResultRow[]>;
  resultsByRecipient(recipient: string, limit: number): Promise<ResultRow[]>;
  /** Pages to this number with no results: still sending, or interrupted. */
  unfinishedPagesTo(number: string, limit: number): Promise<PageRow[]>;
}

/**
 * The rate limit's windows are the history itself: the pages a person had recorded for
 * sending (sending, completed or interrupted; never refused or cancelled). They survive a
 * restart and are shared by every process on the same store.
 */
export interface RateWindows {
  /** How long until `who` may page again under `limit`, or 0 when they may now. */
  rateWait(who: Person, at: number, limit: RateLimit): Promise<number>;
}

export type QuestionState = "open" | "confirmed" | "cancelled" | "expired";

/** A confirmation question: the whole page it would send, waiting for its requester's answer. */
export interface NewQuestion {
  /** The id its buttons carry. */
  id: string;
  requester: Person;
  /** Everything sending needs once confirmed, serialized by the core; opaque to the store. */
  payload: string;
  expiresAt: number;
}

export interface QuestionRow extends NewQuestion {
  state: QuestionState;
  createdAt: number;
}

/** What answering did: the first answer by the requester before expiry wins, once. */
export type QuestionAnswer =
  | { kind: "answered"; question: QuestionRow }
  /** Someone else clicked: the question stays open. */
  | { kind: "notRequester"; requester: Person }
  /** Answered, expired, or never asked. */
  | { kind: "stale" };

/** Questions outlive the process that asked: whichever process receives the click answers. */
export interface ConfirmationQuestions {
  openQuestion(question: NewQuestion, at: number): Promise<void>;
  /** Moves an open, unexpired question to `answer` atomically: only one caller ever wins. */
  answerQuestion(
    id: string,
    by: Person,
    answer: "confirmed" | "cancelled",
    at: number,
  ): Promise<QuestionAnswer>;
  question(id: string): Promise<QuestionRow | undefined>;
  /** Marks open questions past their expiry as expired; returns how many. */
  expireQuestions(at: number): Promise<number>;
}

/**
 * Replicas on one database: each renews a lease while it runs. Pages are recorded with the
 * replica of the store that records them (openStore's `replicaId`). When a replica stops
 * renewing, a survivor takes over its pages still sending: they are interrupted, state unknown,
 * and never resent.
 */
export interface ReplicaLeases {
  /** Records that `replicaId` is alive at `at`. */
  renewLease(replicaId: string, at: number): Promise<void>;
  /**
   * Marks interrupted, in one atomic step, the pages still sending of every replica without a
   * lease renewed within `leaseMs` before `at`, and returns them as they now are. Each page is
   * taken over once: of survivors sweeping at the same moment, one gets it, the others not.
   */
  takeOverExpired(at: number, leaseMs: number): Promise<PageRow[]>;
}

/**
 * Everything that must outlive a request. Times are milliseconds since the epoch, as the
 * product's Clock gives them: one unit for arithmetic on windows and expiries, and one
 * that any database stores exactly. Page rows read back carry Dates, for rendering.
 * Every method answers with a promise, as a networked database must; an embedded one answers
 * at once. Every claim is atomic in the database itself, never in process memory.
 * Two-way SMS (twoway-types.ts): replies, acknowledgements and escalation steps.
 */
export interface Store
  extends RequestKeys,
    PageHistory,
    RateWindows,
    ConfirmationQuestions,
    DeliveryReceipts,
    ReplicaLeases,
    TwoWayStore {
  close(): Promise<void>;
}
