// Discord signs every interaction it POSTs: Ed25519 over the timestamp header followed by the
// raw body, with the application's public key (hex, 32 bytes, from the developer portal).
import { createPublicKey, type KeyObject, verify } from "node:crypto";
import { ChatopsError, DISCORD_PUBLIC_KEY } from "../../src/kit.js";

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
const HEX_SIGNATURE = /^[0-9a-f]{128}$/i;

/** The application's public key, as node:crypto takes it; throws on one that is not 64 hex digits. */
export function discordPublicKey(hex: string): KeyObject {
  if (!DISCORD_PUBLIC_KEY.test(hex)) {
    throw new ChatopsError("INVALID_OPTION", "a Discord public key is 64 hexadecimal digits");
  }
  const der = Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, "hex")]);
  return createPublicKey({ key: der, format: "der", type: "spki" });
}

/** True only for a well-formed signature of timestamp + body by the key. */
export function isSignedByDiscord(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
): boolean {
  if (signature === undefined || timestamp === undefined || !HEX_SIGNATURE.test(signature)) {
    return false;
  }
  const signed = Buffer.concat([Buffer.from(timestamp, "utf8"), body]);
  return verify(null, signed, key, Buffer.from(signature, "hex"));
}
