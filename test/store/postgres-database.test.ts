// What only the PostgreSQL store does: migrations shared by replicas starting at once.
import pg from "pg";
import { afterEach, beforeEach, expect, it } from "vitest";
import type { Store } from "../../src/store/index.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";
import {
  createSchema,
  describePostgres,
  dropSchema,
  openStoreIn,
  TEST_DATABASE_URL,
} from "../support/postgres.js";
import { newPage } from "./fixtures.js";

const ALL_MIGRATIONS = [
  "0001_history",
  "0002_resend_of",
  "0003_questions",
  "0004_receipts",
  "0005_two_way",
  "0006_replica_leases",
  "0007_page_threads",
];

async function query<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describePostgres("the PostgreSQL database", () => {
  // Each test its own fresh schema: a migration is tested on an empty one.
  let schema: string;
  const opened: Store[] = [];
  beforeEach(async () => {
    schema = await createSchema("migrate");
  });
  afterEach(async () => {
    await Promise.allSettled(opened.splice(0).map((store) => store.close()));
    await dropSchema(schema);
  });
  const open = async () => {
    const store = await openStoreIn(schema);
    opened.push(store);
    return store;
  };

  it("migrates once when three replicas start at the same moment on a fresh schema", async () => {
    const stores = await Promise.all([open(), open(), open()]);
    const applied = await query<{ name: string }>(
      `SELECT name FROM ${schema}.kysely_migration ORDER BY name`,
    );
    expect(applied.map(({ name }) => name)).toEqual(ALL_MIGRATIONS);
    const ids = await Promise.all(stores.map((store) => store.recordPage(newPage, Date.now())));
    expect(ids.every((recorded) => recorded.recorded)).toBe(true);
    expect(await stores[0]?.recentPages(10)).toHaveLength(3);
  });

  it("keeps its tables in its own schema, none in public", async () => {
    await open();
    // Other test files keep their own schemas on the same server meanwhile: look at these two.
    const tables = await query<{ schemaname: string }>(
      "SELECT schemaname FROM pg_tables WHERE tablename = 'pages' AND schemaname IN ($1, 'public')",
      [schema],
    );
    const schemas = tables.map(({ schemaname }) => schemaname);
    expect(schemas).toContain(schema);
    expect(schemas).not.toContain("public");
  });

  it("migrates a schema of its own while another schema of the database holds a migrated store", async () => {
    await open();
    const second = await createSchema("second");
    try {
      const store = await openStoreIn(second);
      opened.push(store);
      expect(await store.recentPages(1)).toEqual([]);
      const applied = await query<{ name: string }>(`SELECT name FROM ${second}.kysely_migration`);
      expect(applied).toHaveLength(ALL_MIGRATIONS.length);
    } finally {
      await Promise.allSettled(opened.splice(0).map((store) => store.close()));
      await dropSchema(second);
    }
  });

  it("refuses a database migrated by a newer program", async () => {
    await (await open()).close();
    await query(
      `INSERT INTO ${schema}.kysely_migration (name, timestamp) VALUES ('9999_future', 'now')`,
    );
    await expect(open()).rejects.toThrow(/newer than this program knows/);
  });

  it("refuses a schema name it would have to quote", async () => {
    await expect(
      openPostgresStore({ url: TEST_DATABASE_URL, schema: "x; DROP TABLE pages" }),
    ).rejects.toThrow(/Not a schema name/);
  });
});
