import { measureMessage } from "./encoding.js";
import { parseDeliveryOptions, parseEscalation } from "./options.js";
import { parseRecipients } from "./recipients.js";
import type { RecipientRef, SendCommand, SendFields } from "./types.js";
import { usageError } from "./usage.js";

/**
 * The one validation path of a send: the text grammar and Discord's typed options both end
 * here, so every platform accepts and refuses exactly the same commands.
 */
export function buildSendCommand(
  fields: SendFields,
  now: Date,
  recipients: RecipientRef[] = parseRecipients(fields.to),
): SendCommand {
  const message = fields.message.trim();
  if (message === "") {
    throw usageError("The message is empty: write it after the recipients.");
  }
  const escalation = parseEscalation(fields);
  return {
    kind: "send",
    recipients,
    message,
    options: parseDeliveryOptions(fields, now),
    encoding: measureMessage(message),
    dryRun: fields.dryRun === true,
    confirmed: fields.yes === true,
    ...(escalation !== undefined && { escalation }),
  };
}
