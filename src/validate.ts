// The rules the environment's values are checked against, each written once.
import { z } from "zod";

/** An optional whole number from `min` to `max`; `fallback` when unset. */
export const wholeNumber = (fallback: number, max: number, min = 1) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True for hosts whose traffic never leaves the machine, where plain http is harmless. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

/** The PIN travels in the body: https://, or plain http:// only to a loopback host. */
export function carriesSecretsSafely(url: URL): boolean {
  return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
}

/** DATABASE_URL's schemes: PostgreSQL's two spellings. */
const DATABASE_SCHEMES = new Set(["postgres:", "postgresql:"]);

/** Whether `text` is a PostgreSQL URL (postgres:// or postgresql://, with a host). */
export function isDatabaseUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return DATABASE_SCHEMES.has(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}

/** An optional DATABASE_URL; the message never repeats the value, which may hold a password. */
export const databaseUrl = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === "" ? undefined : value))
  .refine((value) => value === undefined || isDatabaseUrl(value), {
    message: "must be a postgres:// or postgresql:// URL",
  });
