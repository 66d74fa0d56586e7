// Discord signs every interaction it POSTs: Ed25519 over the timestamp header followed by the
// raw body, with the application's public key (hex, 32 bytes, from the developer portal).
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { ChatopsError } from "../../src/kit.js";

/** An application's public key, as the developer portal shows it: 32 bytes in hex. */
export const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/i;

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const HEX_SIGNATURE = /^[0-9a-f]{128}$/i;
/**
 * An interaction can be answered for 15 minutes; a request signed longer ago (or that far ahead
 * of our clock) is refused, so a captured one cannot be replayed once its claim is forgotten.
 */
export const MAX_SIGNATURE_AGE_MS = 15 * 60_000;

/** The application's public key, as node:crypto takes it; throws on one that is not 64 hex digits. */
export function discordPublicKey(hex: string): KeyObject {
  if (!PUBLIC_KEY_HEX.test(hex)) {
    throw new ChatopsError("INVALID_OPTION", "a Discord public key is 64 hexadecimal digits");
  }
  const der = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]);
  return createPublicKey({ key: der, format: "der", type: "spki" });
}

/** What Discord sends to check: the two headers and the raw body. */
export interface SignedRequest {
  signature: string | undefined;
  /** Unix seconds, as a decimal string. */
  timestamp: string | undefined;
  body: Buffer;
}

/** True only for a well-formed, recent signature of timestamp + body by the key. */
export function isSignedByDiscord(key: KeyObject, request: SignedRequest, nowMs: number): boolean {
  const { signature, timestamp, body } = request;
  if (signature === undefined || timestamp === undefined || !HEX_SIGNATURE.test(signature)) {
    return false;
  }
  const signedAtMs = Number(timestamp) * 1000;
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowMs - signedAtMs) > MAX_SIGNATURE_AGE_MS) {
    return false;
  }
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  return verify(null, signed, key, Buffer.from(signature, "hex"));
}
