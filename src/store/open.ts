import { ChatopsError } from "../errors.js";
import { assertDatabaseUrl, describeDatabaseUrl } from "./database-url.js";
import { openPostgresStore } from "./postgres/index.js";
import { openSqliteStoreMigrated } from "./sqlite/store.js";
import type { Store } from "./types.js";

export interface StoreOptions {
  /** postgres:// or postgresql://: every replica on it shares the store. Unset: SQLite. */
  databaseUrl?: string | undefined;
  /** Where SQLite keeps its file (DATA_DIR) when there is no databaseUrl. */
  dataDir: string;
  /** This process, among the replicas on one database: pages it records name it. */
  replicaId?: string | undefined;
}

/**
 * The store the bot runs on, migrated to the latest schema before it is returned, so that
 * start-up fails on a database it cannot reach or use. The password is never in an error.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { replicaId } = options;
  if (options.databaseUrl === undefined) return openSqliteStoreMigrated(options.dataDir, replicaId);
  assertDatabaseUrl(options.databaseUrl);
  try {
    return await openPostgresStore({
      url: options.databaseUrl,
      ...(replicaId !== undefined && { replicaId }),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ChatopsError(
      "STORE",
      `Cannot open the store at ${describeDatabaseUrl(options.databaseUrl)}: ${reason}`,
      { cause: error },
    );
  }
}
