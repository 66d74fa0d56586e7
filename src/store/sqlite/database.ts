import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { ChatopsError } from "../../errors.js";
import { MIGRATIONS } from "./migrations.js";

/** The file's name predates the store: kept, so that existing data directories open. */
export const DATABASE_FILE = "history.sqlite";

export type SqliteDatabase = Database.Database;

/** Every commit waits until it is on disk: a page recorded before sending survives a power cut. */
const DURABLE = "FULL";

/**
 * Writes without waiting for the disk, for records whose loss in a power cut costs nothing
 * (a refusal: nothing was sent). They still survive the process dying, and the next durable
 * commit puts them on disk too. About 17 times cheaper, so a burst shed as busy stays cheap.
 */
export function writeWithoutWaiting<T>(db: SqliteDatabase, write: () => T): T {
  db.pragma("synchronous = NORMAL");
  try {
    return write();
  } finally {
    db.pragma(`synchronous = ${DURABLE}`);
  }
}

/** Opens (creating if need be) the database in `dataDir`, migrated to the latest schema. */
export function openDatabaseDir(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  return openDatabaseFile(join(dataDir, DATABASE_FILE));
}

/** `:memory:` gives a private database, for tests. */
export function openDatabaseFile(file: string): SqliteDatabase {
  const db = new Database(file);
  // WAL: a committed record survives the process being killed right after the commit.
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${DURABLE}`);
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

function migrate(db: SqliteDatabase): void {
  const applied = db.pragma("user_version", { simple: true }) as number;
  if (applied > MIGRATIONS.length) {
    throw new ChatopsError(
      "STORE",
      `The database has schema version ${applied}, newer than this program knows (${MIGRATIONS.length}); upgrade the program.`,
    );
  }
  MIGRATIONS.slice(applied).forEach((sql, index) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${applied + index + 1}`);
    })();
  });
}
