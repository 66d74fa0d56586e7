import type { Logger } from "../log.js";

/** What one send asks csoft to do, before it is split into batches. */
export type DeliveryService = "default" | "premier" | "economy";

export type Destination =
  /** International numbers, digits only (e.g. 447700900123). */
  | { kind: "numbers"; numbers: readonly string[] }
  /** csoft's SendToAddressBook: a stored address book, optionally one group of it. */
  | { kind: "addressBook"; book: string; group?: string };

export interface SendRequest {
  destination: Destination;
  message: string;
  /** FlashMessage instead of Message. */
  flash: boolean;
  replyTo?: string;
  service?: DeliveryService;
  /** SendTimeDelay, 1 to 10080 minutes. */
  delayMinutes?: number;
  /** SendTimeAbsolute, sent as UTC YYYY-MM-DDTHH:MM:SS. */
  sendAt?: Date;
}

export interface Credentials {
  username: string;
  pin: string;
}

/** Which numbering a code belongs to: csoft's report codes, or a legacy response format's own. */
export type CodeScheme = "report" | "format0" | "formatOne";

/** One report as csoft sent it, for one number (or for the whole request). */
export interface CsoftReport {
  scheme: CodeScheme;
  code: number;
  /** csoft's Text, percent-decoded; may be empty. */
  text: string;
  messageId: string | null;
}

export type Outcome = "accepted" | "delivered" | "warning" | "failed" | "unknown";

export type ServerName = "primary" | "secondary";

/** The result for one recipient of a send. */
export interface NumberResult {
  /** The number, or for an address book `book:Name[::Group] #i`. */
  recipient: string;
  /** null when csoft's answer is unknown (lost after the request was sent) or never reached. */
  reportCode: number | null;
  scheme: CodeScheme | null;
  outcome: Outcome;
  /** What the code means (our table), else csoft's own text, else why there is no code. */
  meaning: string;
  /** csoft's Text for this number, as sent. */
  csoftText: string;
  messageId: string | null;
  /** The server that answered, or null when none did. */
  server: ServerName | null;
}

/** The result of one HTTP request (one batch). */
export interface BatchResult {
  recipients: readonly string[];
  results: NumberResult[];
  server: ServerName | null;
  /** True when the batch was sent to the secondary because the primary could not be reached. */
  failedOver: boolean;
  /** Set when the batch did not get a per-number answer: a whole-request report code, or no answer at all. */
  error?: Error;
  durationMs: number;
}

export interface SendResult {
  results: NumberResult[];
  batches: BatchResult[];
  durationMs: number;
}

/** How one send is made. */
export interface SendOptions {
  /** Logs this send's lines (e.g. a child logger carrying the page id); else the transport's own. */
  logger?: Logger;
}

/** What the page runner needs from a transport; CsoftClient implements it. */
export interface SmsTransport {
  send(request: SendRequest, options?: SendOptions): Promise<SendResult>;
  /** Prepares to send soon (e.g. opens a connection), writing nothing; never throws. */
  warm?(): void;
  close(): Promise<void>;
}
