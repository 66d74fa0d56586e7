import type { Engine } from "../engine.js";
import { migrateToLatest } from "../migrate.js";
import { createStore } from "../queries/store.js";
import type { Store } from "../types.js";
import { adoptLegacySchema, markMigratorManaged } from "./baseline.js";
import { openDatabaseDir, openDatabaseFile, type SqliteDatabase } from "./database.js";
import { sqliteEngine } from "./engine.js";

/** Adopts a database of the first releases, then migrates it to the latest schema. */
export async function migrateSqlite(engine: Engine): Promise<void> {
  await adoptLegacySchema(engine);
  await migrateToLatest(engine);
  await markMigratorManaged(engine);
}

/**
 * The store on an open database, migrated before its first call answers (`openStore` waits for
 * the migrations, so that start-up fails on a database it cannot use). Closing the store closes
 * the database.
 */
export function createSqliteStore(db: SqliteDatabase, replicaId?: string): Store {
  const engine = sqliteEngine(db);
  const ready = migrateSqlite(engine);
  // Seen by every call; not an unhandled rejection before the first one.
  ready.catch(() => undefined);
  return createStore(engine, ready, replicaId);
}

/** The store in `dataDir` (created if missing): what the bot runs on. */
export function openSqliteStore(dataDir: string, replicaId?: string): Store {
  return createSqliteStore(openDatabaseDir(dataDir), replicaId);
}

/** The store in one file; `:memory:` gives a private one, for tests and embedding. */
export function openSqliteFile(file: string): Store {
  return createSqliteStore(openDatabaseFile(file));
}

/** The store in `dataDir`, once migrated: a database it cannot use fails here, at start-up. */
export async function openSqliteStoreMigrated(dataDir: string, replicaId?: string): Promise<Store> {
  const engine = sqliteEngine(openDatabaseDir(dataDir));
  try {
    await migrateSqlite(engine);
  } catch (error) {
    await engine.db.destroy();
    throw error;
  }
  return createStore(engine, Promise.resolve(), replicaId);
}
