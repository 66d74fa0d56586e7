/** The SMS a page sends: the configured two-way number, and the reply hint when it fits. */
import { measureMessage } from "../command/index.js";
import type { DeliveryOptions, SendCommand } from "../command/types.js";
import { type SmsText, withReplyHint } from "../twoway/hint.js";

/** The command with the two-way number (CSOFT_REPLY_TO) as its ReplyTo, unless it named one. */
export function withTwoWayNumber(command: SendCommand, twoWay: string | undefined): SendCommand {
  if (twoWay === undefined || command.options.replyTo !== undefined) return command;
  return { ...command, options: { ...command.options, replyTo: twoWay } };
}

/**
 * The text sent for page `pageId`: with `Reply ACK <id>` only when replies come back to our
 * two-way number (another ReplyTo sends them elsewhere) and the hint adds no SMS part.
 */
export function smsText(
  message: string,
  options: DeliveryOptions,
  twoWay: string | undefined,
  pageId: number,
): SmsText {
  const repliesComeBack = twoWay !== undefined && options.replyTo === twoWay;
  return repliesComeBack
    ? withReplyHint(message, pageId)
    : { text: message, encoding: measureMessage(message) };
}
