import type { Store } from "../types.js";
import { openDatabaseDir, openDatabaseFile, type SqliteDatabase } from "./database.js";
import { sqlitePages } from "./pages.js";
import { sqliteQuestions } from "./questions.js";
import { sqliteReplies } from "./replies.js";
import { sqliteRequests } from "./requests.js";
import { sqliteTimers } from "./timers.js";

/** The store on an open, migrated database; closing the store closes it. */
export function createSqliteStore(db: SqliteDatabase): Store {
  return {
    ...sqliteRequests(db),
    ...sqlitePages(db),
    ...sqliteQuestions(db),
    ...sqliteReplies(db),
    ...sqliteTimers(db),
    async close() {
      db.close();
    },
  };
}

/** The store in `dataDir` (created if missing): what the bot runs on. */
export function openSqliteStore(dataDir: string): Store {
  return createSqliteStore(openDatabaseDir(dataDir));
}

/** The store in one file; `:memory:` gives a private one, for tests and embedding. */
export function openSqliteFile(file: string): Store {
  return createSqliteStore(openDatabaseFile(file));
}
