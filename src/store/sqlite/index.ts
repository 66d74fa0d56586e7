/**
 * The store on SQLite (better-sqlite3, through Kysely): one file in DATA_DIR, WAL.
 * Every claim is one statement or an IMMEDIATE transaction, so several processes on one file
 * share request keys, rate windows and questions safely.
 */
export {
  DATABASE_FILE,
  openDatabaseDir,
  openDatabaseFile,
  type SqliteDatabase,
} from "./database.js";
export { createSqliteStore, openSqliteFile, openSqliteStore } from "./store.js";
