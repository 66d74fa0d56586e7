import type { RequestKeys } from "../types.js";
import type { SqliteDatabase } from "./database.js";

const iso = (at: number) => new Date(at).toISOString();

/** Request keys: a primary key makes the claim one atomic insert, across processes too. */
export function sqliteRequests(db: SqliteDatabase): RequestKeys {
  const claim = db.prepare<[string, string]>(
    "INSERT INTO request_keys (key, received_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
  );
  const release = db.prepare<[string]>("DELETE FROM request_keys WHERE key = ?");
  const forget = db.prepare<[string]>("DELETE FROM request_keys WHERE received_at < ?");
  return {
    claimRequest: async (key, at) => claim.run(key, iso(at)).changes === 1,
    async releaseRequest(key) {
      release.run(key);
    },
    forgetRequestsBefore: async (at) => forget.run(iso(at)).changes,
  };
}
