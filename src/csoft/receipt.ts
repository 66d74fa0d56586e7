import { FormError, type FormFields, readForm, readTimestamp, requiredField } from "./form.js";
import { classify } from "./report-codes.js";

/** A delivery receipt as csoft POSTs it to our receipt URL. */
export interface DeliveryReceipt {
  /** As configured in csoft's Delivery Receipts screen; the literal `NULL` when left empty. */
  username: string;
  pin: string;
  /** The handset, international digits; csoft spells the field `SendTo` (HTTP) or `SentTo` (SOAP). */
  sendTo: string | undefined;
  /** The identifier csoft returned when the message was sent. */
  messageIdentifier: string;
  report: number;
  text: string;
  /** When the status was recorded; undefined when `Timestamp1` is absent or unreadable. */
  timestamp: Date | undefined;
}

/**
 * What a receipt says of the message:
 * - delivered: code 0, on the handset (final)
 * - not-delivered: a failure code (final)
 * - intermediate: a negative code, accepted or on its way (-2, -3, -4)
 * - warning: 11 or 19, sent with invalid characters removed; not proof of delivery, so not
 *   final, and a later receipt may still say delivered
 */
export type DeliveryState = "delivered" | "not-delivered" | "intermediate" | "warning";

export interface ReceiptStatus {
  state: DeliveryState;
  /** True when no later receipt is expected to change the state. */
  final: boolean;
  /** The code's meaning from the report-code table, else csoft's Text. */
  meaning: string;
}

/** Identifiers are up to 15 characters; more is allowed for, but not without bound. */
const MAX_IDENTIFIER = 64;
const REPORT = /^-?\d{1,6}$/;

function readIdentifier(form: FormFields): string {
  const id = requiredField(form, "MessageIdentifier");
  if (id.length > MAX_IDENTIFIER || id === "-1") {
    throw new FormError("MessageIdentifier is not a message identifier");
  }
  return id;
}

/** `SendTo`, or `SentTo` as the SOAP page spells it; two different numbers are refused. */
export function readSendTo(form: FormFields): string | undefined {
  const [sendTo, sentTo] = [form.get("SendTo")?.trim(), form.get("SentTo")?.trim()];
  if (sendTo && sentTo && sendTo !== sentTo) throw new FormError("SendTo and SentTo disagree");
  return sendTo || sentTo || undefined;
}

/** Parses a receipt body. Throws FormError when it has no usable identifier or report code. */
export function parseDeliveryReceipt(body: string): DeliveryReceipt {
  const form = readForm(body);
  const report = requiredField(form, "Report");
  if (!REPORT.test(report)) throw new FormError("Report is not an integer");
  return {
    username: form.get("Username") ?? "",
    pin: form.get("PIN") ?? "",
    sendTo: readSendTo(form),
    messageIdentifier: readIdentifier(form),
    report: Number(report),
    text: form.get("Text")?.trim() ?? "",
    timestamp: readTimestamp(form),
  };
}

const STATES = {
  delivered: { state: "delivered", final: true },
  failed: { state: "not-delivered", final: true },
  accepted: { state: "intermediate", final: false },
  warning: { state: "warning", final: false },
  unknown: { state: "intermediate", final: false },
} as const;

/** The receipt's code read with the same table as sending. */
export function receiptStatus(receipt: DeliveryReceipt): ReceiptStatus {
  const { outcome, meaning } = classify({
    scheme: "report",
    code: receipt.report,
    text: receipt.text,
    messageId: receipt.messageIdentifier,
  });
  return { ...STATES[outcome], meaning };
}
