/**
 * Durable state: everything that must outlive a request, behind one interface (types.ts):
 * the page history and its results, request keys, rate-limit windows, confirmation questions.
 * queries/ writes each query once in Kysely; engine.ts holds what differs between engines, and
 * sqlite/ implements it on one file. Every engine passes the same contract tests
 * (test/store/contract.ts).
 */
export { describeDatabaseUrl } from "./database-url.js";
export { openStore, type StoreOptions } from "./open.js";
export { createSqliteStore, openSqliteFile, openSqliteStore } from "./sqlite/index.js";
export type {
  Acknowledgement,
  Acknowledgements,
  AckResult,
  AckVia,
  EscalationTimers,
  NewReply,
  NewTimer,
  RecordedReply,
  Replies,
  ReplyRow,
  TimerRow,
  TimerState,
  TwoWayStore,
} from "./twoway-types.js";
export type {
  ChatMessages,
  ConfirmationQuestions,
  Declined,
  DeliveryCounts,
  DeliveryReceipts,
  NewPage,
  NewQuestion,
  NewReceipt,
  NumberDelivery,
  NumberDeliveryState,
  PageHistory,
  PageRow,
  PageState,
  Person,
  QuestionAnswer,
  QuestionRow,
  QuestionState,
  RateWindows,
  ReceiptRecorded,
  ReceiptRow,
  ReceiptState,
  Recorded,
  RequestKeys,
  ResendSource,
  ResultRow,
  Store,
} from "./types.js";
