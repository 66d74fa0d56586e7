import { type RateLimit, rateWait } from "../../access/rate-limit.js";
import type { NumberResult, Outcome } from "../../csoft/types.js";
import type {
  NewPage,
  PageHistory,
  PageRow,
  PageState,
  RateWindows,
  ResendSource,
} from "../types.js";
import { type SqliteDatabase, writeWithoutWaiting } from "./database.js";
import { type PageRecord, type ResultRecord, readOptions, toPage, toResult } from "./rows.js";

/** A page's numbers are only counted here: SQLite counts them without parsing the list in JS. */
const PAGE_COLUMNS =
  "id, platform, actor_id, actor_name, channel_id, created_at, recipients, json_array_length(numbers) AS number_count, address_books, message, state, reason, completed_at, resend_of";

/** The states of a page recorded for sending: those a rate window counts. */
const SENT_STATES = "('sending', 'completed', 'interrupted')";

type PageFields = Omit<NewPage, "numbers" | "addressBooks" | "options"> & {
  numbers?: readonly string[];
  addressBooks?: readonly string[];
  options?: unknown;
  state: PageState;
  reason?: string;
};

const iso = (at: number) => new Date(at).toISOString();

type Statements = ReturnType<typeof statements>;

/** The page history and the rate windows it holds. better-sqlite3 runs each call whole. */
export function sqlitePages(db: SqliteDatabase): PageHistory & RateWindows {
  const q = statements(db);
  return { ...pageWrites(db, q), ...pageReads(q) };
}

type PageWrites = Pick<
  PageHistory,
  "recordPage" | "completePage" | "refusePage" | "recordDeclined" | "markInterrupted"
> &
  RateWindows;

function pageWrites(db: SqliteDatabase, q: Statements): PageWrites {
  const insert = (fields: PageFields, at: number): number =>
    Number(
      q.insertPage.run({
        requestKey: fields.requestKey ?? null,
        platform: fields.actor.platform,
        actorId: fields.actor.id,
        actorName: fields.actor.name,
        channelId: fields.channelId ?? null,
        createdAt: iso(at),
        recipients: JSON.stringify(fields.recipients),
        numbers: JSON.stringify(fields.numbers ?? []),
        addressBooks: JSON.stringify(fields.addressBooks ?? []),
        message: fields.message,
        options: JSON.stringify(fields.options ?? {}),
        state: fields.state,
        reason: fields.reason ?? null,
        resendOf: fields.resendOf ?? null,
      }).lastInsertRowid,
    );
  const wait = (platform: string, actorId: string, at: number, limit: RateLimit): number => {
    const sent = q.sentSince
      .all(platform, actorId, iso(at - limit.windowMs), limit.count)
      .map(({ created_at }) => Date.parse(created_at));
    return rateWait(sent, limit, at);
  };
  // IMMEDIATE: the write lock is held from the count to the insert, against other processes too.
  const recordWithin = db.transaction((page: NewPage, at: number, limit: RateLimit) => {
    const retryInMs = wait(page.actor.platform, page.actor.id, at, limit);
    if (retryInMs > 0) return { recorded: false as const, retryInMs };
    return { recorded: true as const, id: insert({ ...page, state: "sending" }, at) };
  });
  const complete = db.transaction((id: number, results: readonly NumberResult[], at: string) => {
    for (const r of results) {
      q.insertResult.run(
        id,
        r.recipient,
        r.reportCode,
        r.outcome,
        r.meaning,
        r.messageId,
        r.server,
        at,
      );
    }
    q.finish.run("completed", null, at, id);
  });
  const interruptSome = db.transaction((ids: readonly number[], at: string) =>
    ids.reduce((sum, id) => sum + q.finish.run("interrupted", null, at, id).changes, 0),
  );
  return {
    recordPage: async (newPage, at, limit) =>
      limit === undefined
        ? { recorded: true, id: insert({ ...newPage, state: "sending" }, at) }
        : recordWithin.immediate(newPage, at, limit),
    completePage: async (id, results, at) => complete(id, results, iso(at)),
    async refusePage(id, reason, at) {
      q.finish.run("refused", reason, iso(at), id);
    },
    recordDeclined: async (declined, at) =>
      writeWithoutWaiting(db, () =>
        insert({ ...declined, recipients: declined.recipients ?? [] }, at),
      ),
    markInterrupted: async (at, ids) =>
      ids === undefined ? q.interruptAll.run(iso(at)).changes : interruptSome(ids, iso(at)),
    rateWait: async (who, at, limit) => wait(who.platform, who.id, at, limit),
  };
}

function pageReads(q: Statements): Omit<PageHistory, keyof PageWrites> {
  const page = (record: PageRecord): PageRow => {
    const counts: PageRow["counts"] = {};
    for (const { outcome, n } of q.selectCounts.all(record.id)) counts[outcome] = n;
    return toPage(record, counts);
  };
  return {
    recentPages: async (limit) => q.selectRecent.all(limit).map(page),
    async page(id) {
      const record = q.selectPage.get(id);
      return record && page(record);
    },
    async resendSource(id): Promise<ResendSource | undefined> {
      const record = q.selectPage.get(id);
      const stored = q.selectOptions.get(id);
      if (record === undefined || stored === undefined) return undefined;
      return {
        page: page(record),
        options: readOptions(stored.options),
        unknownNumbers: q.selectUnknownNumbers.all(id, id).map(({ number }) => number),
      };
    },
    resultsByMessageId: async (messageId) => q.byMessageId.all(messageId).map(toResult),
    resultsByRecipient: async (recipient, limit) =>
      q.byRecipient.all(recipient, limit).map(toResult),
    unfinishedPagesTo: async (number, limit) => q.unfinishedTo.all(number, limit).map(page),
  };
}

function statements(db: SqliteDatabase) {
  return {
    insertPage: db.prepare(
      `INSERT INTO pages (request_key, platform, actor_id, actor_name, channel_id, created_at,
         recipients, numbers, address_books, message, options, state, reason, resend_of)
       VALUES (@requestKey, @platform, @actorId, @actorName, @channelId, @createdAt,
         @recipients, @numbers, @addressBooks, @message, @options, @state, @reason, @resendOf)`,
    ),
    insertResult: db.prepare(
      `INSERT INTO results (page_id, recipient, report_code, outcome, meaning, message_id, server, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    // Only a page still sending ends: a late completion never overwrites an interruption.
    finish: db.prepare<[string, string | null, string, number]>(
      "UPDATE pages SET state = ?, reason = coalesce(?, reason), completed_at = ? WHERE id = ? AND state = 'sending'",
    ),
    interruptAll: db.prepare<[string]>(
      "UPDATE pages SET state = 'interrupted', completed_at = ? WHERE state = 'sending'",
    ),
    sentSince: db.prepare<[string, string, string, number], { created_at: string }>(
      `SELECT created_at FROM pages WHERE platform = ? AND actor_id = ? AND state IN ${SENT_STATES}
         AND created_at > ? ORDER BY created_at DESC LIMIT ?`,
    ),
    selectPage: db.prepare<[number], PageRecord>(`SELECT ${PAGE_COLUMNS} FROM pages WHERE id = ?`),
    selectOptions: db.prepare<[number], { options: string }>(
      "SELECT options FROM pages WHERE id = ?",
    ),
    // In the order paged; an address book's result is named by its label, never in `numbers`.
    selectUnknownNumbers: db.prepare<[number, number], { number: string }>(
      `SELECT numbers.value AS number FROM pages, json_each(pages.numbers) AS numbers
       WHERE pages.id = ? AND EXISTS (SELECT 1 FROM results WHERE results.page_id = ?
         AND results.recipient = numbers.value AND results.outcome = 'unknown')
       ORDER BY numbers.key`,
    ),
    selectRecent: db.prepare<[number], PageRecord>(
      `SELECT ${PAGE_COLUMNS} FROM pages ORDER BY id DESC LIMIT ?`,
    ),
    selectCounts: db.prepare<[number], { outcome: Outcome; n: number }>(
      "SELECT outcome, count(*) AS n FROM results WHERE page_id = ? GROUP BY outcome",
    ),
    byMessageId: db.prepare<[string], ResultRecord>(
      "SELECT * FROM results WHERE message_id = ? ORDER BY rowid DESC",
    ),
    byRecipient: db.prepare<[string, number], ResultRecord>(
      "SELECT * FROM results WHERE recipient = ? ORDER BY rowid DESC LIMIT ?",
    ),
    unfinishedTo: db.prepare<[string, number], PageRecord>(
      `SELECT ${PAGE_COLUMNS} FROM pages
       WHERE state IN ('sending', 'interrupted')
         AND EXISTS (SELECT 1 FROM json_each(pages.numbers) WHERE value = ?)
       ORDER BY id DESC LIMIT ?`,
    ),
  };
}
