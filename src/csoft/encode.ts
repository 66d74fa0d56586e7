import { ChatopsError } from "../errors.js";
import type { Credentials, DeliveryService, Destination, SendRequest } from "./types.js";

export const CSOFT_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset="utf-8"';

/** The document's DeliveryServiceOption values. */
const SERVICE_OPTION: Record<DeliveryService, string> = {
  default: "Default",
  premier: "Premier",
  economy: "Economy",
};

/** csoft's SendTimeDelay range: 1 minute to 7 days. */
export const MAX_DELAY_MINUTES = 10_080;

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/**
 * Every UTF-8 octet except RFC 3986 unreserved characters becomes %XX (uppercase), as the
 * document shows (`Hello%20World`, Alef `%D7%90`). Stricter than encodeURIComponent, which
 * leaves `!'()*` alone; `&` and `=` are always encoded, so a value cannot start a parameter.
 */
export function percentEncode(value: string): string {
  let encoded = "";
  for (const octet of Buffer.from(value, "utf8")) {
    const char = String.fromCharCode(octet);
    encoded += UNRESERVED.test(char)
      ? char
      : `%${octet.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return encoded;
}

/** UTC `YYYY-MM-DDTHH:MM:SS`: ISO 8601 without a zone offset, as SendTimeAbsolute requires. */
export function formatSendTime(date: Date): string {
  if (Number.isNaN(date.getTime()))
    throw new ChatopsError("CSOFT_BAD_REQUEST", "sendAt is not a valid date");
  return date.toISOString().slice(0, 19);
}

function destinationParameter(destination: Destination, numbers?: readonly string[]): string {
  if (destination.kind === "addressBook") {
    // The `::` separator stays literal; each side is encoded on its own.
    const group = destination.group ? `::${percentEncode(destination.group)}` : "";
    return `SendToAddressBook=${percentEncode(destination.book)}${group}`;
  }
  const batch = numbers ?? destination.numbers;
  if (batch.length === 0)
    throw new ChatopsError("CSOFT_BAD_REQUEST", "a send needs at least one number");
  // Commas between numbers stay literal, as in the document's `SendTo=447700912345,447700911223`.
  return `SendTo=${batch.map(percentEncode).join(",")}`;
}

/**
 * The form body of one request. `numbers` is this batch's share of the destination's numbers;
 * without it, all of them. ResponseFormat=3 always, so every number gets its own report.
 */
export function encodeSendRequest(
  credentials: Credentials,
  request: SendRequest,
  numbers?: readonly string[],
): string {
  const parameters = [
    `Username=${percentEncode(credentials.username)}`,
    `PIN=${percentEncode(credentials.pin)}`,
    destinationParameter(request.destination, numbers),
    `${request.flash ? "FlashMessage" : "Message"}=${percentEncode(request.message)}`,
  ];
  if (request.replyTo !== undefined) parameters.push(`ReplyTo=${percentEncode(request.replyTo)}`);
  if (request.service !== undefined) {
    parameters.push(`DeliveryServiceOption=${SERVICE_OPTION[request.service]}`);
  }
  if (request.delayMinutes !== undefined) {
    const delay = request.delayMinutes;
    if (!Number.isInteger(delay) || delay < 1 || delay > MAX_DELAY_MINUTES) {
      throw new ChatopsError(
        "CSOFT_BAD_REQUEST",
        `delayMinutes must be a whole number from 1 to ${MAX_DELAY_MINUTES}`,
      );
    }
    parameters.push(`SendTimeDelay=${delay}`);
  }
  if (request.sendAt !== undefined) {
    parameters.push(`SendTimeAbsolute=${percentEncode(formatSendTime(request.sendAt))}`);
  }
  parameters.push("ResponseFormat=3");
  return parameters.join("&");
}
