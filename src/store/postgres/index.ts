/**
 * The store on PostgreSQL (pg Pool, through Kysely): the same queries as SQLite, shared by every
 * replica on one database. Migrations run under the Migrator's advisory lock.
 */
export { openPostgresStore, type PostgresOptions } from "./store.js";
