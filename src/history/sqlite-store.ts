import type { DeliveryOptions } from "../command/types.js";
import type { NumberResult, Outcome, ServerName } from "../csoft/types.js";
import { type HistoryDatabase, writeWithoutWaiting } from "./database.js";
import type {
  HistoryStore,
  NewPage,
  PageRow,
  PageState,
  ResendSource,
  ResultRow,
} from "./types.js";

interface PageRecord {
  id: number;
  platform: string;
  actor_id: string;
  actor_name: string;
  channel_id: string | null;
  created_at: string;
  recipients: string;
  number_count: number;
  address_books: string;
  message: string;
  state: PageState;
  reason: string | null;
  completed_at: string | null;
  resend_of: number | null;
}

interface ResultRecord {
  page_id: number;
  recipient: string;
  report_code: number | null;
  outcome: Outcome;
  meaning: string;
  message_id: string | null;
  server: ServerName | null;
  recorded_at: string;
}

/** A page's numbers are only counted here: SQLite counts them without parsing the list in JS. */
const PAGE_COLUMNS =
  "id, platform, actor_id, actor_name, channel_id, created_at, recipients, json_array_length(numbers) AS number_count, address_books, message, state, reason, completed_at, resend_of";

/** The history in SQLite. better-sqlite3 is synchronous: each call is atomic within the process. */
export function createSqliteStore(db: HistoryDatabase): HistoryStore {
  const claim = db.prepare<[string, string]>(
    "INSERT OR IGNORE INTO request_keys (key, received_at) VALUES (?, ?)",
  );
  const release = db.prepare<[string]>("DELETE FROM request_keys WHERE key = ?");
  const forget = db.prepare<[string]>("DELETE FROM request_keys WHERE received_at < ?");
  const insertPage = db.prepare(
    `INSERT INTO pages (request_key, platform, actor_id, actor_name, channel_id, created_at,
       recipients, numbers, address_books, message, options, state, reason, resend_of)
     VALUES (@requestKey, @platform, @actorId, @actorName, @channelId, @createdAt,
       @recipients, @numbers, @addressBooks, @message, @options, @state, @reason, @resendOf)`,
  );
  const insertResult = db.prepare(
    `INSERT INTO results (page_id, recipient, report_code, outcome, meaning, message_id, server, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const finish = db.prepare<[string, string, number]>(
    "UPDATE pages SET state = ?, completed_at = ? WHERE id = ? AND state = 'sending'",
  );
  const selectPage = db.prepare<[number], PageRecord>(
    `SELECT ${PAGE_COLUMNS} FROM pages WHERE id = ?`,
  );
  const selectOptions = db.prepare<[number], { options: string }>(
    "SELECT options FROM pages WHERE id = ?",
  );
  // In the order paged; an address book's result is named by its label, never in `numbers`.
  const selectUnknownNumbers = db.prepare<[number, number], { number: string }>(
    `SELECT numbers.value AS number FROM pages, json_each(pages.numbers) AS numbers
     WHERE pages.id = ? AND EXISTS (SELECT 1 FROM results WHERE results.page_id = ?
       AND results.recipient = numbers.value AND results.outcome = 'unknown')
     ORDER BY numbers.key`,
  );
  const selectRecent = db.prepare<[number], PageRecord>(
    `SELECT ${PAGE_COLUMNS} FROM pages ORDER BY id DESC LIMIT ?`,
  );
  const selectCounts = db.prepare<[number], { outcome: Outcome; n: number }>(
    "SELECT outcome, count(*) AS n FROM results WHERE page_id = ? GROUP BY outcome",
  );
  const byMessageId = db.prepare<[string], ResultRecord>(
    "SELECT * FROM results WHERE message_id = ? ORDER BY rowid DESC",
  );
  const byRecipient = db.prepare<[string, number], ResultRecord>(
    "SELECT * FROM results WHERE recipient = ? ORDER BY rowid DESC LIMIT ?",
  );
  const unfinishedTo = db.prepare<[string, number], PageRecord>(
    `SELECT ${PAGE_COLUMNS} FROM pages
     WHERE state IN ('sending', 'interrupted')
       AND EXISTS (SELECT 1 FROM json_each(pages.numbers) WHERE value = ?)
     ORDER BY id DESC LIMIT ?`,
  );

  const toPage = (record: PageRecord): PageRow => {
    const counts: PageRow["counts"] = {};
    for (const { outcome, n } of selectCounts.all(record.id)) counts[outcome] = n;
    return {
      id: record.id,
      platform: record.platform,
      actorId: record.actor_id,
      actorName: record.actor_name,
      channelId: record.channel_id,
      createdAt: new Date(record.created_at),
      recipients: JSON.parse(record.recipients) as string[],
      numberCount: record.number_count,
      addressBooks: JSON.parse(record.address_books) as string[],
      message: record.message,
      state: record.state,
      reason: record.reason,
      completedAt: record.completed_at === null ? null : new Date(record.completed_at),
      counts,
      resendOf: record.resend_of,
    };
  };

  const insert = (
    fields: Omit<NewPage, "numbers" | "addressBooks" | "options"> & {
      numbers?: readonly string[];
      addressBooks?: readonly string[];
      options?: unknown;
      state: PageState;
      reason?: string;
    },
    at: Date,
  ): number =>
    Number(
      insertPage.run({
        requestKey: fields.requestKey ?? null,
        platform: fields.actor.platform,
        actorId: fields.actor.id,
        actorName: fields.actor.name,
        channelId: fields.channelId ?? null,
        createdAt: at.toISOString(),
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

  const complete = db.transaction((id: number, results: readonly NumberResult[], at: string) => {
    for (const result of results) {
      insertResult.run(
        id,
        result.recipient,
        result.reportCode,
        result.outcome,
        result.meaning,
        result.messageId,
        result.server,
        at,
      );
    }
    finish.run("completed", at, id);
  });

  return {
    claimRequest: (key, at) => claim.run(key, at.toISOString()).changes === 1,
    releaseRequest(key) {
      release.run(key);
    },
    forgetRequestsBefore: (at) => forget.run(at.toISOString()).changes,
    recordPage: (page, at) => insert({ ...page, state: "sending" }, at),
    completePage: (id, results, at) => complete(id, results, at.toISOString()),
    recordDeclined: (declined, at) =>
      writeWithoutWaiting(db, () =>
        insert({ ...declined, recipients: declined.recipients ?? [] }, at),
      ),
    markInterrupted(at, ids) {
      const stamp = at.toISOString();
      if (ids === undefined) {
        return db
          .prepare<[string]>(
            "UPDATE pages SET state = 'interrupted', completed_at = ? WHERE state = 'sending'",
          )
          .run(stamp).changes;
      }
      return db.transaction(() =>
        ids.reduce((sum, id) => sum + finish.run("interrupted", stamp, id).changes, 0),
      )();
    },
    recentPages: (limit) => selectRecent.all(limit).map(toPage),
    page(id) {
      const record = selectPage.get(id);
      return record && toPage(record);
    },
    resendSource(id): ResendSource | undefined {
      const record = selectPage.get(id);
      const stored = selectOptions.get(id);
      if (record === undefined || stored === undefined) return undefined;
      return {
        page: toPage(record),
        options: readOptions(stored.options),
        unknownNumbers: selectUnknownNumbers.all(id, id).map(({ number }) => number),
      };
    },
    resultsByMessageId: (messageId) => byMessageId.all(messageId).map(toResult),
    resultsByRecipient: (recipient, limit) => byRecipient.all(recipient, limit).map(toResult),
    unfinishedPagesTo: (number, limit) => unfinishedTo.all(number, limit).map(toPage),
    close: () => db.close(),
  };
}

/** Delivery options as stored in JSON, with `sendAt` a Date again. */
function readOptions(json: string): DeliveryOptions {
  const { sendAt, ...rest } = JSON.parse(json) as Omit<DeliveryOptions, "sendAt"> & {
    sendAt?: string;
  };
  return sendAt === undefined ? rest : { ...rest, sendAt: new Date(sendAt) };
}

function toResult(record: ResultRecord): ResultRow {
  return {
    pageId: record.page_id,
    recipient: record.recipient,
    reportCode: record.report_code,
    outcome: record.outcome,
    meaning: record.meaning,
    messageId: record.message_id,
    server: record.server,
    recordedAt: new Date(record.recorded_at),
  };
}
