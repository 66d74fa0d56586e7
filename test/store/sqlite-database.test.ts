// What only the SQLite store does: its file, its migrations, and how it writes to disk.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSqliteStore,
  DATABASE_FILE,
  openDatabaseDir,
  openDatabaseFile,
} from "../../src/store/sqlite/index.js";
import { MIGRATIONS } from "../../src/store/sqlite/migrations.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";
import { AT, newPage, record } from "./fixtures.js";

/** PRAGMA synchronous: 2 is FULL, every commit waits for the disk. */
const FULL = 2;

let dir: StoreDir;
beforeEach(() => {
  dir = tempStoreDir("store-sqlite-");
});
afterEach(() => dir.remove());

/** A database as the first release of the history left it: schema version 1, one page. */
function firstSchemaDatabase(file: string): void {
  const old = new Database(file);
  old.exec(MIGRATIONS[0] as string);
  old.pragma("user_version = 1");
  old.exec(`INSERT INTO pages (platform, actor_id, actor_name, created_at, recipients, numbers,
    address_books, message, options, state) VALUES ('slack', 'U1', '<@U1>', '${new Date(AT).toISOString()}',
    '[]', '["447700900101"]', '[]', 'hi', '{"flash":false}', 'completed')`);
  old.exec(
    "INSERT INTO request_keys (key, received_at) VALUES ('slack:old', '2026-11-25T03:00:00.000Z')",
  );
  old.close();
}

describe("the SQLite database", () => {
  it("creates its folder and applies every migration once", () => {
    const db = openDatabaseDir(join(dir.dir, "nested", "data"));
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it("opens a database of the first schema, migrates it, and keeps what it held", async () => {
    const file = join(dir.dir, DATABASE_FILE);
    firstSchemaDatabase(file);
    const store = dir.open();
    expect(await store.page(1)).toMatchObject({
      message: "hi",
      state: "completed",
      resendOf: null,
    });
    expect(await store.claimRequest("slack:old", AT)).toBe(false);
    await store.openQuestion(
      { id: "q", requester: { platform: "slack", id: "U1" }, payload: "{}", expiresAt: AT + 1 },
      AT,
    );
    expect((await store.question("q"))?.state).toBe("open");
    const db = openDatabaseFile(file);
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it("refuses a database from a newer program", () => {
    const file = join(dir.dir, "future.sqlite");
    const db = openDatabaseFile(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabaseFile(file)).toThrow(/newer than this program knows/);
  });

  it("keeps the message and numbers in the file, as an audit must", async () => {
    const store = dir.open();
    await record(store);
    await store.close();
    const bytes = readFileSync(join(dir.dir, DATABASE_FILE)).toString("latin1");
    expect(bytes).toContain("db1 is down");
  });

  it("commits a refusal for every reader, and leaves the pages' commits waiting for the disk", async () => {
    const db = openDatabaseDir(dir.dir);
    const store = createSqliteStore(db);
    const id = await store.recordDeclined(
      { actor: newPage.actor, message: "447700900123 hi", state: "refused", reason: "busy" },
      AT,
    );
    expect(db.pragma("synchronous", { simple: true })).toBe(FULL);
    const reader = dir.open();
    expect(await reader.page(id)).toMatchObject({ state: "refused", reason: "busy" });
    await store.close();
  });
});
