import { FormError, readForm, readTimestamp, requiredField } from "./form.js";
import { readSendTo } from "./receipt.js";

/** An SMS someone sent to our two-way number, as csoft POSTs it ("SMS to HTTP"). */
export interface InboundReply {
  /** As configured in csoft's Two-Way screen; the literal `NULL` when left empty. */
  username: string;
  pin: string;
  /** Our two-way number the SMS was sent to. */
  sendTo: string;
  /** Who sent it (csoft's `ReplyTo`: here the sender, not a number we chose). */
  replyTo: string;
  /** The text, decoded from UTF-8; may be empty. */
  message: string;
  timestamp: Date | undefined;
  /** Absent from csoft's older five-field form. */
  messageIdentifier: string | undefined;
}

/** Parses a two-way body. Throws FormError without a sender, our number, or a Message field. */
export function parseInboundReply(body: string): InboundReply {
  const form = readForm(body);
  const sendTo = readSendTo(form);
  if (sendTo === undefined) throw new FormError("SendTo is missing");
  const message = form.get("Message");
  if (message === undefined) throw new FormError("Message is missing");
  const messageIdentifier = form.get("MessageIdentifier")?.trim();
  return {
    username: form.get("Username") ?? "",
    pin: form.get("PIN") ?? "",
    sendTo,
    replyTo: requiredField(form, "ReplyTo"),
    message,
    timestamp: readTimestamp(form),
    messageIdentifier: messageIdentifier || undefined,
  };
}
