import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NumberResult } from "../../src/csoft/types.js";
import { createSqliteStore, openDatabaseFile } from "../../src/history/index.js";
import { MIGRATIONS } from "../../src/history/migrations.js";

const AT = new Date("2026-11-25T03:00:00Z");
const actor = { platform: "slack" as const, id: "U1", name: "<@U1>" };

function unknown(recipient: string): NumberResult {
  return {
    recipient,
    reportCode: null,
    scheme: null,
    outcome: "unknown",
    meaning: "unknown: the answer was lost",
    csoftText: "",
    messageId: null,
    server: null,
  };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "history-resend-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the history of resends", () => {
  it("migrates a database of the first schema, keeping its pages, none of them a resend", () => {
    const file = join(dir, "old.sqlite");
    const old = new Database(file);
    old.exec(MIGRATIONS[0] as string);
    old.pragma("user_version = 1");
    old.exec(`INSERT INTO pages (platform, actor_id, actor_name, created_at, recipients, numbers,
      address_books, message, options, state) VALUES ('slack', 'U1', '<@U1>', '${AT.toISOString()}',
      '[]', '["447700900101"]', '[]', 'hi', '{"flash":false}', 'completed')`);
    old.close();

    const store = createSqliteStore(openDatabaseFile(file));
    expect(store.page(1)).toMatchObject({ message: "hi", resendOf: null });
    store.close();
  });

  it("gives the numbers left unknown, in the order paged, never an address book", () => {
    const store = createSqliteStore(openDatabaseFile(":memory:"));
    const sendAt = new Date("2026-11-25T04:00:00Z");
    const id = store.recordPage(
      {
        actor,
        recipients: ["447700900102", "447700900101", "447700900103", "book:Oncall"],
        numbers: ["447700900102", "447700900101", "447700900103"],
        addressBooks: ["book:Oncall"],
        message: "db1 is down",
        options: { flash: true, sendAt },
      },
      AT,
    );
    const accepted: NumberResult = {
      ...unknown("447700900103"),
      outcome: "accepted",
      reportCode: -2,
    };
    store.completePage(
      id,
      [unknown("447700900101"), unknown("book:Oncall"), unknown("447700900102"), accepted],
      AT,
    );

    expect(store.resendSource(id)).toMatchObject({
      page: { id, message: "db1 is down" },
      options: { flash: true, sendAt },
      unknownNumbers: ["447700900102", "447700900101"],
    });
    expect(store.resendSource(id + 1)).toBeUndefined();

    const again = store.recordPage(
      {
        actor,
        recipients: [],
        numbers: [],
        addressBooks: [],
        message: "x",
        options: { flash: false },
        resendOf: id,
      },
      AT,
    );
    expect(store.page(again)?.resendOf).toBe(id);
    store.close();
  });
});
