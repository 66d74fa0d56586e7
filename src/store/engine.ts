import type {
  AliasableExpression,
  ColumnDefinitionBuilder,
  CreateTableBuilder,
  Expression,
  Kysely,
  SqlBool,
  Transaction,
} from "kysely";
import type { Schema } from "./schema.js";
import type { Person } from "./types.js";

/**
 * Everything that differs between the engines, in one place: the queries (queries/) and the
 * migrations are written once against this. sqlite/engine.ts and postgres/engine.ts implement it.
 */
export interface Engine {
  readonly name: "sqlite" | "postgres";
  readonly db: Kysely<Schema>;
  /**
   * Within a transaction, holds off every other writer of `person`'s rate window until it ends.
   * SQLite: nothing to do, its transactions are IMMEDIATE (one writer at a time).
   * PostgreSQL: a transaction-scoped advisory lock on a hash of the person.
   */
  lockPerson(trx: Transaction<Schema>, person: Person): Promise<void>;
  /** A write whose loss in a power cut costs nothing (a refusal), without waiting for the disk. */
  writeLazily<T>(write: (db: Kysely<Schema>) => Promise<T>): Promise<T>;
  /** How many numbers the JSON list `pages.numbers` holds. */
  numberCount(): AliasableExpression<number>;
  /** Whether the JSON list `pages.numbers` holds `number`. */
  pagesNumbersHold(number: string): Expression<SqlBool>;
  /**
   * Where the Migrator keeps its own tables: PostgreSQL's current schema, named, since Kysely
   * otherwise finds a table of that name in any schema (another application's, say) and
   * takes it for its own. SQLite: undefined, one file has one schema.
   */
  migrationSchema(): Promise<string | undefined>;
  /** What the migrations need to say differently. */
  readonly ddl: Ddl;
}

export interface Ddl {
  /** An integer primary key the database numbers itself. */
  serialKey(column: ColumnDefinitionBuilder): ColumnDefinitionBuilder;
  /** A table with its column types enforced (SQLite: STRICT). */
  strict<T extends string, C extends string>(
    table: CreateTableBuilder<T, C>,
  ): CreateTableBuilder<T, C>;
  /**
   * Results read newest first by insertion order: SQLite has `rowid` on every table;
   * PostgreSQL is given a column of that name.
   */
  insertionOrder<T extends string, C extends string>(
    table: CreateTableBuilder<T, C>,
  ): CreateTableBuilder<T, C>;
}
