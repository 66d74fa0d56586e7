import { ChatopsError } from "../errors.js";
import { isDatabaseUrl } from "../validate.js";

/** The URL as it may be logged or shown: the password, if any, is never part of it. */
export function describeDatabaseUrl(text: string): string {
  if (!isDatabaseUrl(text)) return "(not a PostgreSQL URL)";
  const url = new URL(text);
  url.password = "";
  url.search = "";
  return url.toString();
}

export function assertDatabaseUrl(text: string): void {
  if (!isDatabaseUrl(text)) {
    throw new ChatopsError("CONFIG", "DATABASE_URL must be a postgres:// or postgresql:// URL.");
  }
}
