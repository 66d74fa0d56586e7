import { measureMessage } from "../command/index.js";
import type { MessageEncoding } from "../command/types.js";

/** The SMS as sent, and how it travels. */
export interface SmsText {
  text: string;
  encoding: MessageEncoding;
}

/** What the hint says, in GSM characters only: it never turns a message into Unicode. */
export function replyHint(pageId: number): string {
  return `Reply ACK ${pageId}`;
}

/**
 * The message with the reply hint on a line of its own, only when that costs no SMS part;
 * otherwise the message as it is. Counted by the grammar's one part counter.
 */
export function withReplyHint(message: string, pageId: number): SmsText {
  const plain = measureMessage(message);
  const text = `${message}\n${replyHint(pageId)}`;
  const hinted = measureMessage(text);
  const fits = hinted.parts === plain.parts && hinted.encoding === plain.encoding;
  return fits ? { text, encoding: hinted } : { text: message, encoding: plain };
}
