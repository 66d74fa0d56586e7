import { resolve } from "node:path";
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  sql,
} from "kysely";
import type { Ddl, Engine } from "../engine.js";
import type { Schema } from "../schema.js";
import type { SqliteDatabase } from "./database.js";

/**
 * One writer at a time, across processes and within one. Every transaction is IMMEDIATE: it takes
 * the write lock when it begins, so a count followed by an insert cannot be overtaken by another
 * process (and never fails upgrading a read to a write). Within one process, connections to one
 * file take turns (better-sqlite3 waits for a lock synchronously, so a second connection waiting
 * on the first inside one event loop would wait out its whole busy time-out).
 */
class TakingTurns implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly turns: Turns,
  ) {}
  init = () => this.inner.init();
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.turns.take();
    try {
      return await this.inner.acquireConnection();
    } catch (error) {
      this.turns.give();
      throw error;
    }
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    try {
      await this.inner.releaseConnection(connection);
    } finally {
      this.turns.give();
    }
  }
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("begin immediate"));
  }
  commitTransaction = (connection: DatabaseConnection) => this.inner.commitTransaction(connection);
  rollbackTransaction = (connection: DatabaseConnection) =>
    this.inner.rollbackTransaction(connection);
  destroy = () => this.inner.destroy();
}

/** A queue of turns on one database file. */
class Turns {
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;
  async take(): Promise<void> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise((done) => {
      release = done;
    });
    await previous;
    this.release = release;
  }
  give(): void {
    this.release?.();
  }
}

const turnsByFile = new Map<string, Turns>();

function turnsFor(db: SqliteDatabase): Turns {
  if (db.memory) return new Turns();
  const file = resolve(db.name);
  let turns = turnsByFile.get(file);
  if (turns === undefined) {
    turns = new Turns();
    turnsByFile.set(file, turns);
  }
  return turns;
}

class ImmediateSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override createDriver(): Driver {
    return new TakingTurns(super.createDriver(), turnsFor(this.database));
  }
  override createAdapter() {
    // SQLite's DDL is transactional: the Migrator runs every pending step in one transaction.
    return new (class extends SqliteAdapter {
      override get supportsTransactionalDdl() {
        return true;
      }
    })();
  }
}

const ddl: Ddl = {
  serialKey: (column) => column.primaryKey(),
  strict: (table) => table.modifyEnd(sql`strict`),
  insertionOrder: (table) => table,
};

/** SQLite through better-sqlite3: the embedded default, one file in DATA_DIR. */
export function sqliteEngine(database: SqliteDatabase): Engine {
  const db = new Kysely<Schema>({ dialect: new ImmediateSqliteDialect(database) });
  return {
    name: "sqlite",
    db,
    lockPerson: async () => undefined,
    migrationSchema: async () => undefined,
    // A refusal waits for no disk: about 17 times cheaper, so a burst shed as busy stays cheap.
    // It still survives the process dying, and the next durable commit puts it on disk too.
    writeLazily: (write) =>
      db.connection().execute(async (conn) => {
        await sql`pragma synchronous = normal`.execute(conn);
        try {
          return await write(conn);
        } finally {
          await sql`pragma synchronous = full`.execute(conn);
        }
      }),
    numberCount: () => sql<number>`json_array_length(numbers)`,
    pagesNumbersHold: (number) =>
      sql<boolean>`exists (select 1 from json_each(pages.numbers) where value = ${number})`,
    ddl,
  };
}
