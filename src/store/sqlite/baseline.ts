import { type Kysely, sql } from "kysely";
import { ChatopsError } from "../../errors.js";
import type { Engine } from "../engine.js";
import { migrations } from "../migrations.js";
import type { Schema } from "../schema.js";

/**
 * The first releases numbered their migrations in `PRAGMA user_version` (1 to 3); the Migrator
 * records them by name in `kysely_migration`. A database of those releases is adopted as it is:
 * its first `user_version` steps are recorded as applied, under their new names, and the Migrator
 * goes on from there. Its rows are never rewritten.
 *
 * Once adopted or created by the Migrator, `user_version` is set to MIGRATOR_MANAGED, above any
 * version the first releases knew: they refuse the file ("newer than this program knows")
 * instead of applying their first step again.
 */
const LEGACY_STEPS = 3;
export const MIGRATOR_MANAGED = 1000;

export async function adoptLegacySchema(engine: Engine): Promise<void> {
  const names = Object.keys(migrations(engine.ddl)).sort();
  await engine.db.transaction().execute(async (trx) => {
    const version = await userVersion(trx);
    if (version === 0 || version === MIGRATOR_MANAGED) return;
    if (version > LEGACY_STEPS) {
      throw new ChatopsError(
        "STORE",
        `The database has schema version ${version}, newer than this program knows; upgrade the program.`,
      );
    }
    // The table as the Migrator creates it, so that it finds it there.
    await sql`create table if not exists kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
      trx,
    );
    const at = new Date().toISOString();
    for (const name of names.slice(0, version)) {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${at}) on conflict do nothing`.execute(
        trx,
      );
    }
    await sql.raw(`pragma user_version = ${MIGRATOR_MANAGED}`).execute(trx);
  });
}

/** After the Migrator: marks a database it created as its own (see MIGRATOR_MANAGED). */
export async function markMigratorManaged(engine: Engine): Promise<void> {
  await sql.raw(`pragma user_version = ${MIGRATOR_MANAGED}`).execute(engine.db);
}

async function userVersion(db: Kysely<Schema>): Promise<number> {
  const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  return rows[0]?.user_version ?? 0;
}
