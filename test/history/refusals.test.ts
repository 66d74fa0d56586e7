import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteStore, openHistoryDatabase } from "../../src/history/index.js";

const AT = new Date("2026-11-25T03:00:00Z");
/** PRAGMA synchronous: 2 is FULL, every commit waits for the disk. */
const FULL = 2;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "history-refusals-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("recording a refusal", () => {
  it("commits it for every reader, and leaves the pages' commits waiting for the disk", () => {
    const db = openHistoryDatabase(dir);
    const store = createSqliteStore(db);
    const id = store.recordDeclined(
      {
        actor: { platform: "slack", id: "U1", name: "<@U1>" },
        message: "447700900123 hi",
        state: "refused",
        reason: "busy",
      },
      AT,
    );

    expect(db.pragma("synchronous", { simple: true })).toBe(FULL);
    const reader = createSqliteStore(openHistoryDatabase(dir));
    expect(reader.page(id)).toMatchObject({ state: "refused", reason: "busy" });
    reader.close();
    store.close();
  });
});
