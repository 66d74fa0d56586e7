/**
 * Durable state: everything that must outlive a request, behind one interface (types.ts):
 * the page history and its results, request keys, rate-limit windows, confirmation questions.
 * sqlite/ implements it on one file; other databases implement the same interface and pass
 * the same contract tests (test/store/contract.ts).
 */
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
  ConfirmationQuestions,
  Declined,
  NewPage,
  NewQuestion,
  PageHistory,
  PageRow,
  PageState,
  Person,
  QuestionAnswer,
  QuestionRow,
  QuestionState,
  RateWindows,
  Recorded,
  RequestKeys,
  ResendSource,
  ResultRow,
  Store,
} from "./types.js";
