import type { DeliveryService } from "../csoft/types.js";
import type { EscalationStep } from "../escalation/policy.js";

/** A recipient as typed, after normalisation. */
export type RecipientRef =
  | { kind: "number"; number: string }
  | { kind: "addressBook"; book: string; group?: string }
  /** A contacts-directory name or group, resolved by the page runner. */
  | { kind: "name"; name: string };

export interface DeliveryOptions {
  flash: boolean;
  delayMinutes?: number;
  sendAt?: Date;
  service?: DeliveryService;
  replyTo?: string;
}

export interface MessageEncoding {
  encoding: "gsm7" | "unicode";
  /** Length in the encoding's units: GSM septets (extension characters count 2) or UTF-16 code units. */
  length: number;
  /** SMS parts: GSM 160 single / 153 per part, Unicode 70 single / 67 per part. */
  parts: number;
}

export interface SendCommand {
  kind: "send";
  /** Deduplicated, in the order first typed. */
  recipients: RecipientRef[];
  message: string;
  options: DeliveryOptions;
  encoding: MessageEncoding;
  /** Show who would be paged, and how, without sending. */
  dryRun: boolean;
  /** `--yes`: a large page confirmed in advance, for scripts where nobody can answer a question. */
  confirmed: boolean;
  /** `--escalate-after` with `--escalate-to`: one step of its own, beside any group's policy. */
  escalation?: EscalationStep;
}

export interface HelpCommand {
  kind: "help";
}

/** `/sms who <recipients>`: who those recipients are, without a message and without sending. */
export interface WhoCommand {
  kind: "who";
  recipients: RecipientRef[];
}

/** `/sms history [n]`: the last pages, newest first. */
export interface HistoryCommand {
  kind: "history";
  limit: number;
}

/** `/sms status <messageId|number>`: what became of one message, or of the pages to one number. */
export interface StatusCommand {
  kind: "status";
  /** As typed: looked up as a csoft message identifier. */
  query: string;
  /** The query read as an international number, when it is one. */
  number: string | null;
}

/** `/sms credit`: the csoft account's balance. */
export interface CreditCommand {
  kind: "credit";
}

/** `/sms resend <page id>`: that page again, to its numbers whose result is unknown; once. */
export interface ResendCommand {
  kind: "resend";
  pageId: number;
}

export type SmsCommand =
  | SendCommand
  | HelpCommand
  | WhoCommand
  | HistoryCommand
  | StatusCommand
  | CreditCommand
  | ResendCommand;

/**
 * The fields of a send, as a platform hands them over: the Slack/terminal text grammar
 * produces these, and Discord's typed options map onto them, so both validate identically.
 */
export interface SendFields {
  to: string;
  message: string;
  flash?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  delay?: string;
  at?: string;
  service?: string;
  replyTo?: string;
  escalateAfter?: string;
  escalateTo?: string;
}
