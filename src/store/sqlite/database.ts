import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";

/** The file's name predates the store: kept, so that existing data directories open. */
export const DATABASE_FILE = "history.sqlite";

export type SqliteDatabase = Database.Database;

/** Opens (creating if need be) the database file in `dataDir`; the store migrates it. */
export function openDatabaseDir(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  return openDatabaseFile(join(dataDir, DATABASE_FILE));
}

/** `:memory:` gives a private database, for tests. */
export function openDatabaseFile(file: string): SqliteDatabase {
  const db = new Database(file);
  // WAL: a committed record survives the process being killed right after the commit.
  db.pragma("journal_mode = WAL");
  // Every commit waits until it is on disk: a page recorded before sending survives a power cut.
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  return db;
}
