import { createHash, timingSafeEqual } from "node:crypto";

/** What csoft's Delivery Receipts or Two-Way screen was given; either may be left empty. */
export interface CallbackCredentials {
  username?: string | undefined;
  pin?: string | undefined;
}

/** csoft sends the literal `NULL` for a Username or PIN left empty in its screen. */
const CSOFT_EMPTY = "NULL";

const normalise = (value: string | undefined): string =>
  value === undefined || value === CSOFT_EMPTY ? "" : value;

/** SHA-256 first, so both sides are 32 bytes and the comparison does not tell the length. */
const digest = (value: string): Buffer => createHash("sha256").update(value, "utf8").digest();

function sameSecret(given: string | undefined, expected: string | undefined): boolean {
  return timingSafeEqual(digest(normalise(given)), digest(normalise(expected)));
}

/**
 * True when a callback's Username and PIN are the configured ones, compared in constant time;
 * `NULL` and absent count as empty on both sides. Both are always compared, so the answer time
 * does not tell which one was wrong. Neither value is logged or returned.
 */
export function callbackCredentialsMatch(
  given: CallbackCredentials,
  expected: CallbackCredentials,
): boolean {
  const username = sameSecret(given.username, expected.username);
  const pin = sameSecret(given.pin, expected.pin);
  return username && pin;
}
