import type { DeliveryService } from "../csoft/types.js";

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
}

export interface HelpCommand {
  kind: "help";
}

/** `/sms who <recipients>`: who those recipients are, without a message and without sending. */
export interface WhoCommand {
  kind: "who";
  recipients: RecipientRef[];
}

export type SmsCommand = SendCommand | HelpCommand | WhoCommand;

/**
 * The fields of a send, as a platform hands them over: the Slack/terminal text grammar
 * produces these, and Discord's typed options map onto them, so both validate identically.
 */
export interface SendFields {
  to: string;
  message: string;
  flash?: boolean;
  dryRun?: boolean;
  delay?: string;
  at?: string;
  service?: string;
  replyTo?: string;
}
