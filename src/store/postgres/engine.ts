import { Kysely, sql } from "kysely";
import type { Pool } from "pg";
import { ChatopsError } from "../../errors.js";
import type { Ddl, Engine } from "../engine.js";
import type { Schema } from "../schema.js";
import { CurrentSchemaPostgresDialect } from "./introspector.js";

/** The first key of the store's advisory locks: their own space, apart from any other user's. */
const RATE_WINDOW_LOCKS = 0x63736d73; // "csms"

const ddl: Ddl = {
  serialKey: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
  strict: (table) => table,
  insertionOrder: (table) =>
    table.addColumn("rowid", "integer", (c) => c.notNull().generatedByDefaultAsIdentity()),
};

/** PostgreSQL over a pg Pool: several replicas on one database. */
export function postgresEngine(pool: Pool): Engine {
  const db = new Kysely<Schema>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
  return {
    name: "postgres",
    db,
    async lockPerson(trx, person) {
      // Held to the end of the transaction: the person's other writers wait, everyone else not.
      await sql`select pg_advisory_xact_lock(${RATE_WINDOW_LOCKS}, hashtext(${`${person.platform}:${person.id}`}))`.execute(
        trx,
      );
    },
    async migrationSchema() {
      const { rows } = await sql<{
        schema: string | null;
      }>`select current_schema() as schema`.execute(db);
      const schema = rows[0]?.schema;
      if (schema == null) {
        throw new ChatopsError("STORE", "No schema on the search path exists to hold the tables.");
      }
      return schema;
    },
    // A refusal does not wait for the WAL flush; a crash may lose it, never a page.
    writeLazily: (write) =>
      db.transaction().execute(async (trx) => {
        await sql`set local synchronous_commit = off`.execute(trx);
        return write(trx);
      }),
    numberCount: () => sql<number>`json_array_length(numbers::json)`,
    pagesNumbersHold: (number) => sql<boolean>`jsonb_exists(pages.numbers::jsonb, ${number})`,
    ddl,
  };
}
