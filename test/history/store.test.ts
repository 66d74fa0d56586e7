import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NumberResult } from "../../src/csoft/types.js";
import {
  createSqliteStore,
  DATABASE_FILE,
  type HistoryStore,
  openDatabaseFile,
  openHistoryDatabase,
} from "../../src/history/index.js";
import { MIGRATIONS } from "../../src/history/migrations.js";
import type { Actor } from "../../src/page/types.js";

const AT = new Date("2026-11-25T03:00:00Z");
const LATER = new Date("2026-11-25T03:00:02Z");
const actor: Actor = { platform: "slack", id: "U1", name: "<@U1>" };

const newPage = {
  actor,
  channelId: "C1",
  requestKey: "slack:1.2.3",
  recipients: ["alice", "447700900102"],
  numbers: ["447700900101", "447700900102"],
  addressBooks: [],
  message: "db1 is down",
  options: { flash: true },
};

function result(recipient: string, messageId: string, code = -2): NumberResult {
  return {
    recipient,
    reportCode: code,
    scheme: "report",
    outcome: code === -2 ? "accepted" : "failed",
    meaning: code === -2 ? "accepted by csoft and queued" : "out of credit",
    csoftText: "",
    messageId,
    server: "primary",
  };
}

let dir: string;
let store: HistoryStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "history-"));
  store = createSqliteStore(openHistoryDatabase(join(dir, "nested", "data")));
});

afterEach(() => {
  try {
    store.close();
  } catch {}
  rmSync(dir, { recursive: true, force: true });
});

describe("the history database", () => {
  it("creates its folder and applies every migration once", () => {
    const db = openDatabaseFile(join(dir, "nested", "data", DATABASE_FILE));
    expect(db.pragma("user_version", { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it("refuses a database from a newer program", () => {
    const file = join(dir, "future.sqlite");
    const db = openDatabaseFile(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openDatabaseFile(file)).toThrow(/newer than this program knows/);
  });
});

describe("the history store", () => {
  it("records a page as sending, then completes it with each number's result", () => {
    const id = store.recordPage(newPage, AT);
    expect(store.page(id)).toMatchObject({ state: "sending", numberCount: 2, completedAt: null });

    store.completePage(
      id,
      [result("447700900101", "30106CCE"), result("447700900102", "30106CCF", 15)],
      LATER,
    );
    const page = store.page(id);
    expect(page).toMatchObject({
      state: "completed",
      platform: "slack",
      actorName: "<@U1>",
      channelId: "C1",
      recipients: ["alice", "447700900102"],
      message: "db1 is down",
      counts: { accepted: 1, failed: 1 },
    });
    expect(page?.createdAt).toEqual(AT);
    expect(page?.completedAt).toEqual(LATER);
    expect(store.resultsByMessageId("30106CCF")).toEqual([
      expect.objectContaining({ pageId: id, recipient: "447700900102", reportCode: 15 }),
    ]);
    expect(store.resultsByRecipient("447700900101", 5)).toHaveLength(1);
  });

  it("marks pages still sending as interrupted, and only those", () => {
    const done = store.recordPage(newPage, AT);
    store.completePage(done, [result("447700900101", "A")], AT);
    const cut = store.recordPage(newPage, AT);
    expect(store.markInterrupted(LATER)).toBe(1);
    expect(store.page(cut)?.state).toBe("interrupted");
    expect(store.page(done)?.state).toBe("completed");
    expect(store.unfinishedPagesTo("447700900102", 5).map((page) => page.id)).toEqual([cut]);
    // A late completion does not turn an interrupted page into a completed one.
    store.completePage(cut, [result("447700900101", "B")], LATER);
    expect(store.page(cut)?.state).toBe("interrupted");
  });

  it("marks only the pages named, when given", () => {
    const first = store.recordPage(newPage, AT);
    const second = store.recordPage(newPage, AT);
    expect(store.markInterrupted(LATER, [second])).toBe(1);
    expect(store.page(first)?.state).toBe("sending");
  });

  it("claims a request key once, and remembers it after a reopen", () => {
    expect(store.claimRequest("slack:1.2.3", AT)).toBe(true);
    expect(store.claimRequest("slack:1.2.3", LATER)).toBe(false);
    store.close();
    store = createSqliteStore(openHistoryDatabase(join(dir, "nested", "data")));
    expect(store.claimRequest("slack:1.2.3", LATER)).toBe(false);
    expect(store.claimRequest("discord:99", LATER)).toBe(true);
  });

  it("forgets only request keys older than the given time", () => {
    store.claimRequest("slack:old", AT);
    store.claimRequest("slack:new", LATER);
    expect(store.forgetRequestsBefore(LATER)).toBe(1);
    expect(store.claimRequest("slack:old", LATER)).toBe(true);
    expect(store.claimRequest("slack:new", LATER)).toBe(false);
  });

  it("records refusals and cancellations with their reason, newest first in the history", () => {
    store.recordPage(newPage, AT);
    store.recordDeclined(
      { actor, message: "447700900101 hi", state: "refused", reason: "not allowed" },
      LATER,
    );
    const [latest, first] = store.recentPages(10);
    expect(latest).toMatchObject({ state: "refused", reason: "not allowed", recipients: [] });
    expect(first?.state).toBe("sending");
    expect(store.recentPages(1)).toHaveLength(1);
  });

  it("keeps the message and numbers in the file, as an audit must", () => {
    store.recordPage(newPage, AT);
    store.close();
    const bytes = readFileSync(join(dir, "nested", "data", DATABASE_FILE)).toString("latin1");
    expect(bytes).toContain("db1 is down");
  });
});
