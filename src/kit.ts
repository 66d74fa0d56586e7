/**
 * The one door adapters import the core through. Every name an adapter in adapters/ needs from
 * src/ is re-exported here, and only those: the boundary test holds adapters to this module, so
 * the core's layout can change behind it without touching an adapter.
 */
// biome-ignore-all assist/source/organizeImports: grouped by what adapters use, not sorted by path

// Running a command: the Pager, the one input every adapter builds, the grammar that builds it
// from text, and what a chat's mention resolver answers with.
export {
  type CommandInput,
  describeInput,
  MAX_HISTORY,
  normaliseNumber,
  type PageOptions,
  parseCommand,
  recipientTokens,
  UsageError,
} from "./command/index.js";
export type { RecipientRef } from "./command/types.js";
export { type CommandOutcome, worstOutcome } from "./page/outcome.js";
export type { Pager } from "./page/pager.js";

// The Surface contract: what an adapter implements and what the pager hands it.
export type {
  Actor,
  Admission,
  CommandContext,
  ConfirmAnswer,
  ConfirmQuestion,
  MentionResolver,
  PageAnnouncement,
  PageReport,
  PageResult,
  PostedReport,
  QuestionClick,
  ResendOffer,
  StoredQuestion,
  Surface,
  Thread,
} from "./page/types.js";

// Report rendering: a page and its results as plain text, and the pieces richer forms reuse.
export {
  describeCode,
  describeEncoding,
  describeOptions,
  listRecipients,
  OUTCOME_ORDER,
  outcomeLabel,
  renderAnnouncement,
  renderAnnouncementHeadline,
  renderReport,
  renderResultLine,
  renderSummary,
} from "./report/text.js";

// Delivery receipts: what a chat renders when they come, and how it edits a page's report.
export type {
  DeliveryEditor,
  DeliveryView,
  NoteThread,
  ReceiptEvent,
} from "./delivery/types.js";
export type { ChatMessages, NumberDelivery, NumberDeliveryState } from "./store/types.js";
export {
  describeNumberDelivery,
  renderDeliveryLine,
  renderReceiptEvent,
} from "./report/delivery.js";

// Confirmation: the replies a question's buttons give, and where this process asked each.
export { CONFIRM_REPLIES } from "./report/confirm.js";
export { AskedHere } from "./page/asked-here.js";

// In-flight tracking: the commands an adapter has started and not yet finished.
export { InFlight } from "./page/in-flight.js";

// Errors: the base of every error thrown, a surface's failure, and the reply to a failed command.
// Adapters add their own codes by merging into AdapterErrorCodes through this module.
export { type AdapterErrorCodes, ChatopsError, COMMAND_FAILED_REPLY } from "./errors.js";
export { SurfaceError } from "./page/errors.js";

// Logging: the Logger type, and a child logger bound to a command's fields.
export { childLogger, type Logger } from "./log.js";

// The one clock, for adapters that check time themselves (a signed request's age).
export { type Clock, systemClock } from "./clock.js";

// Defaults adapters need.
export { DEFAULT_PORT } from "./defaults.js";

// The contacts directory adapters resolve names against.
export type { Directory } from "./contacts/directory.js";

// csoft: a number's outcome, and the bounded concurrent map adapters resolve many names with.
export { mapWithLimit } from "./csoft/map-with-limit.js";
export type { Outcome } from "./csoft/types.js";

// The descriptor each adapter exports, and what the program hands the adapter it starts.
export type {
  AdapterCore,
  AdapterDeps,
  AdapterDescriptor,
  EnvOf,
  EnvShape,
  RunningAdapter,
  TerminalIo,
} from "./adapter.js";
// The pieces of a descriptor: allow-lists, variables, and the core's routes an adapter may serve.
export type { AllowList } from "./access/policy.js";
export { idList } from "./access/settings.js";
export { optionalText } from "./config.js";
export type { HealthRoute } from "./health/routes.js";
