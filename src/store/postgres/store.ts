import pg from "pg";
import { DATABASE_CONNECT_TIMEOUT_MS } from "../../defaults.js";
import { ChatopsError } from "../../errors.js";
import { migrateToLatest } from "../migrate.js";
import { createStore } from "../queries/store.js";
import type { Store } from "../types.js";
import { postgresEngine } from "./engine.js";

export interface PostgresOptions {
  /** postgres:// or postgresql:// */
  url: string;
  /** An existing schema to keep the tables in: put first on the search path. */
  schema?: string;
  /** The replica the store's pages are recorded with. */
  replicaId?: string;
  /** Connections per replica. */
  maxConnections?: number;
}

/** Opens the store on PostgreSQL, migrated to the latest schema before it answers. */
export async function openPostgresStore(options: PostgresOptions): Promise<Store> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.schema)) {
    throw new ChatopsError("INVALID_OPTION", `Not a schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: DATABASE_CONNECT_TIMEOUT_MS,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // A connection lost is not a crash: the query on it fails (its caller is told) and the pool
  // opens another. pg emits the loss on the client too, with no listener while a query holds
  // it, which would end the process.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", () => undefined));
  const engine = postgresEngine(pool);
  try {
    await migrateToLatest(engine);
  } catch (error) {
    await engine.db.destroy();
    throw error;
  }
  return createStore(engine, Promise.resolve(), options.replicaId);
}
