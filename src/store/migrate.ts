import { Migrator } from "kysely";
import { ChatopsError } from "../errors.js";
import type { Engine } from "./engine.js";
import { migrations } from "./migrations.js";

/**
 * Brings the database to the latest schema. Safe when several processes start at once:
 * PostgreSQL runs the migrations under an advisory lock in one transaction; SQLite in one
 * IMMEDIATE transaction (sqlite/engine.ts). A database migrated by a newer program is refused.
 */
export async function migrateToLatest(engine: Engine): Promise<void> {
  const known = migrations(engine.ddl);
  const schema = await engine.migrationSchema();
  const migrator = new Migrator({
    db: engine.db,
    provider: { getMigrations: async () => known },
    ...(schema !== undefined && { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error === undefined) return;
  const newer = await appliedUnknown(engine, schema, Object.keys(known));
  if (newer.length > 0) {
    throw new ChatopsError(
      "STORE",
      `The database has migrations (${newer.join(", ")}) newer than this program knows; upgrade the program.`,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  throw new ChatopsError("STORE", `The database could not be migrated: ${reason}`, {
    cause: error,
  });
}

async function appliedUnknown(
  engine: Engine,
  schema: string | undefined,
  known: string[],
): Promise<string[]> {
  const db = schema === undefined ? engine.db : engine.db.withSchema(schema);
  const rows = await db
    .selectFrom("kysely_migration" as never)
    .select("name" as never)
    .execute()
    .catch(() => []);
  return (rows as { name: string }[])
    .map(({ name }) => name)
    .filter((name) => !known.includes(name));
}
