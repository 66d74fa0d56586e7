// csoft-chatops: the public API. What a team imports to add SMS paging to its own bot or service.
// Chat adapters live at their own entries, so the core never loads a chat SDK:
//   import { registerSmsCommand } from "csoft-chatops/slack";
//   import { attachSmsCommand } from "csoft-chatops/discord";

// --- Adapters: what one is to the program (each adapter folder exports one descriptor) ----------
export type {
  AdapterCore,
  AdapterDeps,
  AdapterDescriptor,
  EnvOf,
  EnvShape,
  RunningAdapter,
  TerminalIo,
} from "./adapter.js";
// --- Time: one clock, injected wherever time matters ----------------------------------------------
export { type Clock, systemClock } from "./clock.js";
// --- The /sms grammar -----------------------------------------------------------------------------
export {
  type CommandInput,
  describeInput,
  HELP_TEXT,
  parseCommand,
  parseSmsText,
  UsageError,
} from "./command/index.js";
// --- The contacts directory -----------------------------------------------------------------------
export { createDirectory, type Directory, type Person } from "./contacts/directory.js";
export { ContactsError, loadDirectoryFile } from "./contacts/load.js";
export { type LiveDirectory, watchDirectoryFile } from "./contacts/watch.js";
// --- The csoft HTTP API: batching, failover, never a blind resend --------------------------------
export {
  type Credit,
  type CreditSource,
  CsoftAccount,
  type CsoftAccountOptions,
} from "./csoft/account.js";
export type { CreditBalance } from "./csoft/account-answer.js";
export { type CallbackCredentials, callbackCredentialsMatch } from "./csoft/callback-auth.js";
export { CsoftClient, type CsoftClientOptions } from "./csoft/client.js";
export {
  CsoftAnswerLostError,
  CsoftError,
  type CsoftErrorCode,
  CsoftProtocolError,
  CsoftReportError,
  CsoftUnreachableError,
} from "./csoft/errors.js";
export { FormError } from "./csoft/form.js";
export { type InboundReply, parseInboundReply } from "./csoft/inbound.js";
export {
  type DeliveryReceipt,
  type DeliveryState,
  parseDeliveryReceipt,
  type ReceiptStatus,
  receiptStatus,
} from "./csoft/receipt.js";
export { type CodeMeaning, classify, REPORT_CODES } from "./csoft/report-codes.js";
/** A csoft-compatible server on 127.0.0.1: demos and tests, never real SMS. */
export {
  type Simulator,
  type SimulatorFault,
  type SimulatorOptions,
  startSimulator,
} from "./csoft/simulator.js";
export type {
  BatchResult,
  Credentials,
  DeliveryService,
  Destination,
  NumberResult,
  Outcome,
  SendOptions,
  SendRequest,
  SendResult,
  ServerName,
  SmsTransport,
} from "./csoft/types.js";
export { MAX_BATCH_SIZE } from "./defaults.js";
// --- Errors: one base, one stable code each ------------------------------------------------------
export { type AdapterErrorCodes, ChatopsError, type ErrorCode } from "./errors.js";
export {
  createReadiness,
  dataDirWritable,
  type HealthRoute,
  healthRoutes,
  type Readiness,
  type ReadinessCheck,
  startHealthServer,
} from "./health/index.js";
// --- Operating: logs, metrics, health ---------------------------------------------------------------
export { createLogger, type Logger, type LoggerOptions, silentLogger } from "./log.js";
export { createMetrics, type Metrics, type MetricsOptions } from "./metrics/index.js";
export { SurfaceError } from "./page/errors.js";
// --- Running /sms: the one entry every adapter calls --------------------------------------------
export { createPager, type Pager, type PagerDeps } from "./page/pager.js";
// --- Two-way SMS: serve csoft's POST of a reply, then hand it to Pager.receiveReply -----------------
export type { ReplyOutcome } from "./page/replies.js";
export type {
  Actor,
  Admission,
  CommandContext,
  CommandOrigin,
  MentionResolver,
  PageAnnouncement,
  PagePreview,
  PageReport,
  PageResult,
  QuestionClick,
  StoredQuestion,
  Surface,
  Thread,
} from "./page/types.js";
// --- Plain-text rendering (adapters render richer forms) ------------------------------------------
export { renderAnnouncement, renderPreview, renderReport } from "./report/text.js";
export type { Acknowledgement, AckResult } from "./store/index.js";
// --- Durable state: the store every pager needs ---------------------------------------------------
// One SQLite file in DATA_DIR keeps a command delivered again after a restart from paging twice;
// openStore takes PostgreSQL instead when given a databaseUrl, shared by every replica.
export {
  openSqliteFile,
  openSqliteStore,
  openStore,
  type PageRow,
  type ResultRow,
  type Store,
  type StoreOptions,
} from "./store/index.js";
export {
  type InboundDeps,
  type StoredReply,
  storeInboundReply,
} from "./twoway/inbound-handler.js";
