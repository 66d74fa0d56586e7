// The /sms command grammar: what adapters and the page runner import.
export { measureMessage } from "./encoding.js";
export { buildSendCommand } from "./fields.js";
export {
  type CommandInput,
  DEFAULT_HISTORY,
  describeInput,
  MAX_HISTORY,
  type PageOptions,
  recipientTokens,
  toCommand,
} from "./input.js";
export { parseCommand, parseSmsText } from "./parse.js";
export { CONTACT_NAME, normaliseNumber, parseRecipients } from "./recipients.js";
export type {
  CreditCommand,
  DeliveryOptions,
  HelpCommand,
  HistoryCommand,
  MessageEncoding,
  RecipientRef,
  SendCommand,
  SendFields,
  SmsCommand,
  StatusCommand,
} from "./types.js";
export { EXAMPLE, HELP_TEXT, UsageError } from "./usage.js";
