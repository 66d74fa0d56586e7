import type { Outcome } from "../../csoft/types.js";
import {
  countDeliveries,
  onePerNumber,
  type ResultWithReceipt,
  receiptChange,
} from "../receipt-rules.js";
import type {
  ChatMessages,
  DeliveryCounts,
  DeliveryReceipts,
  NewReceipt,
  ReceiptRecorded,
  ReceiptRow,
  ReceiptState,
} from "../types.js";
import type { SqliteDatabase } from "./database.js";

const iso = (at: number) => new Date(at).toISOString();
const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

interface ReceiptRecord {
  message_id: string;
  number: string;
  state: ReceiptState;
  report_code: number;
  meaning: string;
  handset_at: string | null;
  received_at: string;
  received: number;
}

interface JoinedRecord {
  recipient: string;
  message_id: string | null;
  outcome: Outcome;
  report_code: number | null;
  meaning: string;
  x_state: ReceiptState | null;
  x_code: number | null;
  x_meaning: string | null;
  handset_at: string | null;
}

interface MessagesRecord {
  platform: string;
  parent: string;
  report: string;
  summary: string;
}

function toJoined(record: JoinedRecord): ResultWithReceipt {
  return {
    recipient: record.recipient,
    messageId: record.message_id,
    outcome: record.outcome,
    reportCode: record.report_code,
    meaning: record.meaning,
    receipt:
      record.x_state === null
        ? undefined
        : {
            state: record.x_state,
            reportCode: record.x_code ?? 0,
            meaning: record.x_meaning ?? "",
            handsetAt: dateOrNull(record.handset_at),
          },
  };
}

function toReceiptRow(record: ReceiptRecord): ReceiptRow {
  return {
    messageId: record.message_id,
    number: record.number,
    state: record.state,
    reportCode: record.report_code,
    meaning: record.meaning,
    handsetAt: record.handset_at === null ? null : Date.parse(record.handset_at),
    receivedAt: new Date(record.received_at),
    received: record.received,
  };
}

/**
 * Receipts and chat messages on SQLite. Recording a receipt reads, decides and writes in one
 * IMMEDIATE transaction, so two processes taking receipts for one message cannot both decide.
 */
export function sqliteReceipts(db: SqliteDatabase): DeliveryReceipts {
  const q = statements(db);
  const record = db.transaction((receipt: NewReceipt, at: string): ReceiptRecorded => {
    const stored = q.select.get(receipt.messageId, receipt.number);
    const change = receiptChange(
      stored && { state: stored.state, reportCode: stored.report_code },
      receipt,
    );
    const handsetAt = receipt.handsetAt === null ? null : iso(receipt.handsetAt);
    const { messageId, number, state, reportCode, meaning } = receipt;
    if (change === "new")
      q.insert.run(messageId, number, state, reportCode, meaning, handsetAt, at, at);
    else if (change === "advanced")
      q.advance.run(state, reportCode, meaning, handsetAt, at, messageId, number);
    else q.repeat.run(at, messageId, number);
    const page = q.pageOf.get(messageId, number);
    return {
      change,
      state:
        change === "new" || change === "advanced" || stored === undefined ? state : stored.state,
      page: page && { id: page.page_id, sentAt: Date.parse(page.created_at) },
    };
  });
  const deliveries = (pageId: number) => onePerNumber(q.joined.all(pageId).map(toJoined));
  const claim = db.transaction((pageId: number, at: string) => {
    const claimed = new Set(q.claim.all(at, pageId).map((row) => `${row.message_id}`));
    return deliveries(pageId).filter(
      (d) => d.state === "not-delivered" && d.messageId !== null && claimed.has(d.messageId),
    );
  });
  return {
    recordReceipt: async (receipt, at) => record.immediate(receipt, iso(at)),
    pageDeliveries: async (pageId) => deliveries(pageId),
    receiptsFor: async (ids) => q.byIds.all(JSON.stringify(ids)).map(toReceiptRow),
    async deliveryCounts(pageIds) {
      const counts = new Map<number, DeliveryCounts>();
      for (const id of pageIds) {
        const numbers = deliveries(id).filter(
          (d) => d.state !== "not-sent" && d.state !== "unknown",
        );
        if (numbers.length > 0) counts.set(id, countDeliveries(numbers));
      }
      return counts;
    },
    claimNotDelivered: async (pageId, at) => claim.immediate(pageId, iso(at)),
    async saveChatMessages(pageId, messages: ChatMessages, at) {
      q.saveMessages.run(
        pageId,
        messages.platform,
        JSON.stringify(messages.parent),
        JSON.stringify(messages.report),
        messages.summary,
        iso(at),
      );
    },
    async chatMessages(pageId) {
      const row = q.messages.get(pageId);
      return (
        row && {
          platform: row.platform,
          parent: JSON.parse(row.parent) as unknown,
          report: JSON.parse(row.report) as unknown,
          summary: row.summary,
        }
      );
    },
  };
}

function statements(db: SqliteDatabase) {
  return {
    select: db.prepare<[string, string], ReceiptRecord>(
      "SELECT * FROM receipts WHERE message_id = ? AND number = ?",
    ),
    insert: db.prepare(
      `INSERT INTO receipts (message_id, number, state, report_code, meaning, handset_at, first_received_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    advance: db.prepare(
      `UPDATE receipts SET state = ?, report_code = ?, meaning = ?, handset_at = ?, received_at = ?,
         received = received + 1 WHERE message_id = ? AND number = ?`,
    ),
    repeat: db.prepare<[string, string, string]>(
      "UPDATE receipts SET received_at = ?, received = received + 1 WHERE message_id = ? AND number = ?",
    ),
    // The page that got this identifier; the handset's own result first, when the number is given.
    pageOf: db.prepare<[string, string], { page_id: number; created_at: string }>(
      `SELECT results.page_id, pages.created_at FROM results JOIN pages ON pages.id = results.page_id
       WHERE results.message_id = ? ORDER BY results.recipient = ? DESC, results.rowid DESC LIMIT 1`,
    ),
    joined: db.prepare<[number], JoinedRecord>(
      `SELECT r.recipient, r.message_id, r.outcome, r.report_code, r.meaning,
         x.state AS x_state, x.report_code AS x_code, x.meaning AS x_meaning, x.handset_at
       FROM results r LEFT JOIN receipts x
         ON x.message_id = r.message_id AND x.number IN (r.recipient, '')
       WHERE r.page_id = ? ORDER BY r.rowid`,
    ),
    claim: db.prepare<[string, number], { message_id: string }>(
      `UPDATE receipts SET notified_at = ?
       WHERE notified_at IS NULL AND state = 'not-delivered'
         AND message_id IN (SELECT message_id FROM results WHERE page_id = ? AND message_id IS NOT NULL)
       RETURNING message_id`,
    ),
    byIds: db.prepare<[string], ReceiptRecord>(
      `SELECT * FROM receipts WHERE message_id IN (SELECT value FROM json_each(?))
       ORDER BY received_at DESC`,
    ),
    saveMessages: db.prepare(
      `INSERT INTO chat_messages (page_id, platform, parent, report, summary, saved_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (page_id) DO UPDATE SET platform = excluded.platform, parent = excluded.parent,
         report = excluded.report, summary = excluded.summary, saved_at = excluded.saved_at`,
    ),
    messages: db.prepare<[number], MessagesRecord>(
      "SELECT platform, parent, report, summary FROM chat_messages WHERE page_id = ?",
    ),
  };
}
