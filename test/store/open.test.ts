// Which store the bot opens: SQLite in DATA_DIR, or PostgreSQL when DATABASE_URL says so.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config.js";
import { openStore, type Store } from "../../src/store/index.js";
import { DATABASE_FILE } from "../../src/store/sqlite/index.js";
import { describePostgres, TEST_DATABASE_URL } from "../support/postgres.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";
import { newPage } from "./fixtures.js";

let dir: StoreDir;
const opened: Store[] = [];
beforeEach(() => {
  dir = tempStoreDir("store-open-");
});
afterEach(async () => {
  await Promise.allSettled(opened.splice(0).map((store) => store.close()));
  await dir.remove();
});

/** TEST_DATABASE_URL with its tables in `schema`, as an operator would say it in DATABASE_URL. */
function inSchema(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

describe("openStore", () => {
  it("opens SQLite in DATA_DIR when no DATABASE_URL is given, migrated before it returns", async () => {
    const store = await openStore({ dataDir: join(dir.dir, "data") });
    opened.push(store);
    expect(existsSync(join(dir.dir, "data", DATABASE_FILE))).toBe(true);
    expect(await store.recordPage(newPage, Date.now())).toMatchObject({ recorded: true });
  });

  it("refuses a DATABASE_URL of another scheme", async () => {
    await expect(openStore({ databaseUrl: "mysql://u:p@db/x", dataDir: dir.dir })).rejects.toThrow(
      /postgres:\/\/ or postgresql:\/\//,
    );
  });

  it("names the database it cannot reach, never its password", async () => {
    const error = await openStore({
      databaseUrl: "postgresql://pager:hunter2@127.0.0.1:1/paging",
      dataDir: dir.dir,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "STORE" });
    expect(String((error as Error).message)).toContain("postgresql://pager@127.0.0.1:1/paging");
    expect(String((error as Error).message)).not.toContain("hunter2");
  });
});

describe("DATABASE_URL", () => {
  it("is read into the paging settings; unset or empty means SQLite", () => {
    const url = "postgres://pager:secret@db.internal:5432/paging";
    expect(loadConfig({ DATABASE_URL: url }).paging.databaseUrl).toBe(url);
    expect(loadConfig({ DATABASE_URL: "postgresql://db/paging" }).paging.databaseUrl).toBeDefined();
    expect(loadConfig({}).paging.databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: " " }).paging.databaseUrl).toBeUndefined();
  });

  it("must be postgres:// or postgresql://, and the error never repeats the value", () => {
    const error = (() => {
      try {
        loadConfig({ DATABASE_URL: "mysql://pager:secret@db/paging" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/DATABASE_URL must be a postgres:\/\//);
    expect(String((error as Error).message)).not.toContain("secret");
  });
});

describePostgres("openStore on PostgreSQL", (schema) => {
  it("opens PostgreSQL when DATABASE_URL names it, migrated before it returns", async () => {
    const store = await openStore({ databaseUrl: inSchema(schema()), dataDir: dir.dir });
    opened.push(store);
    expect(await store.recordPage(newPage, Date.now())).toMatchObject({ recorded: true });
    expect(existsSync(join(dir.dir, DATABASE_FILE))).toBe(false);
    const other = await openStore({ databaseUrl: inSchema(schema()), dataDir: dir.dir });
    opened.push(other);
    expect(await other.recentPages(5)).toHaveLength(1);
  });
});
