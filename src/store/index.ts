/**
 * Durable state: everything that must outlive a request, behind one interface (types.ts):
 * the page history and its results, request keys, rate-limit windows, confirmation questions,
 * replica leases. queries/ writes each query once in Kysely; engine.ts holds what differs between
 * engines, sqlite/ implements it on one file and postgres/ on a database shared by replicas.
 * Entry points: openStore (open.ts), and openSharedStore (replica.ts), which on PostgreSQL also
 * holds this process's lease. Every engine passes the same contract tests (test/store/contract.ts).
 */
export { describeDatabaseUrl } from "./database-url.js";
export { openStore, type StoreOptions } from "./open.js";
export {
  openSharedStore,
  type Replica,
  STORE_UNREACHABLE_REPLY,
  startReplica,
} from "./replica.js";
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
  PageThread,
  Person,
  QuestionAnswer,
  QuestionRow,
  QuestionState,
  RateWindows,
  ReceiptRecorded,
  ReceiptRow,
  ReceiptState,
  Recorded,
  ReplicaLeases,
  RequestKeys,
  ResendSource,
  ResultRow,
  Store,
} from "./types.js";
