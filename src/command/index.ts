// The /sms command grammar: what adapters and the page runner import.
export { measureMessage } from "./encoding.js";
export { buildSendCommand } from "./fields.js";
export { MAX_DELAY_MINUTES } from "./options.js";
export { parseSmsText } from "./parse.js";
export { normaliseNumber, parseRecipients } from "./recipients.js";
export type {
  DeliveryOptions,
  HelpCommand,
  MessageEncoding,
  RecipientRef,
  SendCommand,
  SendFields,
  SmsCommand,
} from "./types.js";
export { EXAMPLE, HELP_TEXT, UsageError } from "./usage.js";
