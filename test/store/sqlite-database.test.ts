// What only the SQLite store does: its file, its migrations, and how it writes to disk.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openSqliteStore } from "../../src/store/index.js";
import { MIGRATOR_MANAGED } from "../../src/store/sqlite/baseline.js";
import { createSqliteStore, DATABASE_FILE, openDatabaseDir } from "../../src/store/sqlite/index.js";
import { ROOT } from "../support/run-cli.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";
import { AT, newPage, record } from "./fixtures.js";
import { LEGACY_MIGRATIONS } from "./legacy-schema.js";

/** PRAGMA synchronous: 2 is FULL, every commit waits for the disk. */
const FULL = 2;
const ALL_MIGRATIONS = [
  "0001_history",
  "0002_resend_of",
  "0003_questions",
  "0004_receipts",
  "0005_two_way",
  "0006_replica_leases",
  "0007_page_threads",
];

let dir: StoreDir;
beforeEach(() => {
  dir = tempStoreDir("store-sqlite-");
});
afterEach(() => dir.remove());

/** A database as a first release left it: `steps` legacy migrations applied, one page, one key. */
function legacyDatabase(file: string, steps: number): void {
  const old = new Database(file);
  for (const step of LEGACY_MIGRATIONS.slice(0, steps)) old.exec(step);
  old.pragma(`user_version = ${steps}`);
  old.exec(`INSERT INTO pages (platform, actor_id, actor_name, created_at, recipients, numbers,
    address_books, message, options, state) VALUES ('slack', 'U1', '<@U1>', '${new Date(AT).toISOString()}',
    '[]', '["447700900101"]', '[]', 'hi', '{"flash":false}', 'completed')`);
  old.exec(
    "INSERT INTO request_keys (key, received_at) VALUES ('slack:old', '2026-11-25T03:00:00.000Z')",
  );
  old.close();
}

/** What the file says of its schema: the user_version and the migrations recorded by name. */
function schemaOf(file: string): { version: unknown; applied: string[] } {
  const db = new Database(file, { readonly: true });
  const version = db.pragma("user_version", { simple: true });
  const applied = db
    .prepare<[], { name: string }>("SELECT name FROM kysely_migration ORDER BY name")
    .all()
    .map(({ name }) => name);
  db.close();
  return { version, applied };
}

describe("the SQLite database", () => {
  it("creates its folder and applies every migration once, as the Migrator's own", async () => {
    const data = join(dir.dir, "nested", "data");
    const store = openSqliteStore(data);
    expect(await store.recentPages(1)).toEqual([]);
    await store.close();
    const again = openSqliteStore(data);
    expect(await again.recentPages(1)).toEqual([]);
    await again.close();
    expect(schemaOf(join(data, DATABASE_FILE))).toEqual({
      version: MIGRATOR_MANAGED,
      applied: ALL_MIGRATIONS,
    });
  });

  it.each([1, 2, 3])(
    "adopts a database of the first releases at schema version %i, migrates it, and keeps what it held",
    async (steps) => {
      const file = join(dir.dir, DATABASE_FILE);
      legacyDatabase(file, steps);
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
      expect(await record(store)).toBe(2);
      await store.close();
      expect(schemaOf(file)).toEqual({ version: MIGRATOR_MANAGED, applied: ALL_MIGRATIONS });
    },
  );

  it("leaves a first release's program a version it refuses, rather than one it re-applies", async () => {
    const store = dir.open();
    await store.recentPages(1);
    const version = schemaOf(join(dir.dir, DATABASE_FILE)).version as number;
    // The first releases refused any user_version above the number of steps they knew.
    expect(version).toBeGreaterThan(LEGACY_MIGRATIONS.length);
  });

  it("refuses a database from a newer program, by legacy version or by migration name", async () => {
    const file = join(dir.dir, DATABASE_FILE);
    const legacy = new Database(file);
    legacy.pragma(`user_version = ${LEGACY_MIGRATIONS.length + 1}`);
    legacy.close();
    await expect(dir.open().recentPages(1)).rejects.toThrow(/newer than this program knows/);

    const other = join(dir.dir, "other");
    const store = openSqliteStore(other);
    await store.recentPages(1);
    await store.close();
    const newer = new Database(join(other, DATABASE_FILE));
    newer.exec("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future', 'now')");
    newer.close();
    const opened = openSqliteStore(other);
    await expect(opened.recentPages(1)).rejects.toThrow(/newer than this program knows/);
    await opened.close();
  });

  it("migrates once when three processes open a new file at the same moment", async () => {
    const stores = [dir.open(), dir.open(), dir.open()];
    const pages = await Promise.all(stores.map((store) => store.recentPages(1)));
    expect(pages).toEqual([[], [], []]);
    expect(schemaOf(join(dir.dir, DATABASE_FILE)).applied).toEqual(ALL_MIGRATIONS);
  });

  it("migrates once when three separate processes open a new file at the same moment", async () => {
    const opener = `import { openSqliteStore } from "./src/store/index.js";
      const store = openSqliteStore(process.argv[1]);
      await store.recentPages(1);
      await store.close();`;
    const runs = [1, 2, 3].map(
      () =>
        new Promise<number | null>((resolve) => {
          const child = spawn(
            process.execPath,
            ["--import", "tsx", "--input-type=module", "-e", opener, dir.dir],
            { cwd: ROOT, stdio: "inherit" },
          );
          child.on("close", resolve);
        }),
    );
    expect(await Promise.all(runs)).toEqual([0, 0, 0]);
    expect(schemaOf(join(dir.dir, DATABASE_FILE))).toEqual({
      version: MIGRATOR_MANAGED,
      applied: ALL_MIGRATIONS,
    });
  }, 30_000);

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
