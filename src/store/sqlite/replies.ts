import type {
  Acknowledgement,
  Acknowledgements,
  AckVia,
  Replies,
  ReplyRow,
} from "../twoway-types.js";
import type { SqliteDatabase } from "./database.js";

interface ReplyRecord {
  id: number;
  received_at: string;
  sender: string;
  two_way_number: string;
  message: string;
  sent_at: string | null;
  message_id: string | null;
  page_id: number | null;
}

interface AckRecord {
  page_id: number;
  via: AckVia;
  by_name: string;
  reply_id: number | null;
  acknowledged_at: string;
}

const iso = (at: number) => new Date(at).toISOString();

function toReply(record: ReplyRecord): ReplyRow {
  return {
    id: record.id,
    receivedAt: Date.parse(record.received_at),
    sender: record.sender,
    twoWayNumber: record.two_way_number,
    message: record.message,
    ...(record.sent_at !== null && { sentAt: Date.parse(record.sent_at) }),
    ...(record.message_id !== null && { messageId: record.message_id }),
    pageId: record.page_id,
  };
}

function toAck(record: AckRecord): Acknowledgement {
  return {
    pageId: record.page_id,
    via: record.via,
    by: record.by_name,
    ...(record.reply_id !== null && { replyId: record.reply_id }),
    at: Date.parse(record.acknowledged_at),
  };
}

/** The first page of an escalation page's chain, else the page itself. */
const FIRST_PAGE =
  "coalesce((SELECT page_id FROM escalation_timers WHERE escalation_page_id = @pageId), @pageId)";

/** Replies and acknowledgements; an acknowledgement and its cancelled steps are one transaction. */
export function sqliteReplies(db: SqliteDatabase): Replies & Acknowledgements {
  const q = statements(db);
  const acknowledge = db.transaction((ack: Acknowledgement) => {
    const inserted = q.insertAck.get({
      pageId: ack.pageId,
      via: ack.via,
      by: ack.by,
      replyId: ack.replyId ?? null,
      at: iso(ack.at),
    });
    if (inserted === undefined) {
      const first = q.selectAck.get({ pageId: ack.pageId }) as AckRecord;
      return { kind: "already" as const, first: toAck(first) };
    }
    const cancelled = q.cancelTimers.run(iso(ack.at), inserted.page_id).changes;
    return { kind: "acknowledged" as const, cancelledSteps: cancelled };
  });
  return {
    async recordReply(reply, at) {
      const inserted = q.insertReply.get({
        receivedAt: iso(at),
        sender: reply.sender,
        twoWayNumber: reply.twoWayNumber,
        message: reply.message,
        sentAt: reply.sentAt === undefined ? null : iso(reply.sentAt),
        messageId: reply.messageId ?? null,
      });
      if (inserted !== undefined) return { id: inserted.id, duplicate: false };
      const earlier = q.byMessageId.get(reply.messageId ?? "") as { id: number };
      return { id: earlier.id, duplicate: true };
    },
    async matchReply(replyId, pageId) {
      q.matchReply.run(pageId, replyId);
    },
    async reply(id) {
      const record = q.selectReply.get(id);
      return record && toReply(record);
    },
    repliesTo: async (pageId) => q.repliesTo.all(pageId).map(toReply),
    openPagesTo: async (number, since) => q.openPagesTo.all(number, iso(since)).map((r) => r.id),
    acknowledge: async (ack) => acknowledge.immediate(ack),
    async acknowledgement(pageId) {
      const record = q.selectAck.get({ pageId });
      return record && toAck(record);
    },
  };
}

function statements(db: SqliteDatabase) {
  return {
    // A MessageIdentifier posted again inserts nothing: the first row stands.
    insertReply: db.prepare<[Record<string, string | null>], { id: number }>(
      `INSERT INTO replies (received_at, sender, two_way_number, message, sent_at, message_id)
       VALUES (@receivedAt, @sender, @twoWayNumber, @message, @sentAt, @messageId)
       ON CONFLICT DO NOTHING RETURNING id`,
    ),
    byMessageId: db.prepare<[string], { id: number }>(
      "SELECT id FROM replies WHERE message_id = ?",
    ),
    matchReply: db.prepare<[number, number]>("UPDATE replies SET page_id = ? WHERE id = ?"),
    selectReply: db.prepare<[number], ReplyRecord>("SELECT * FROM replies WHERE id = ?"),
    repliesTo: db.prepare<[number], ReplyRecord>(
      "SELECT * FROM replies WHERE page_id = ? ORDER BY id",
    ),
    openPagesTo: db.prepare<[string, string], { id: number }>(
      `SELECT DISTINCT pages.id FROM pages JOIN results ON results.page_id = pages.id
       WHERE results.recipient = ? AND results.outcome != 'failed' AND pages.created_at >= ?
         AND NOT EXISTS (SELECT 1 FROM acknowledgements WHERE acknowledgements.page_id =
           coalesce((SELECT page_id FROM escalation_timers
                     WHERE escalation_page_id = pages.id), pages.id))
       ORDER BY pages.id DESC`,
    ),
    insertAck: db.prepare<[Record<string, string | number | null>], { page_id: number }>(
      `INSERT INTO acknowledgements (page_id, via, by_name, reply_id, acknowledged_at)
       VALUES (${FIRST_PAGE}, @via, @by, @replyId, @at)
       ON CONFLICT (page_id) DO NOTHING RETURNING page_id`,
    ),
    selectAck: db.prepare<[{ pageId: number }], AckRecord>(
      `SELECT * FROM acknowledgements WHERE page_id = ${FIRST_PAGE}`,
    ),
    cancelTimers: db.prepare<[string, number]>(
      "UPDATE escalation_timers SET state = 'cancelled', ended_at = ? WHERE page_id = ? AND state = 'pending'",
    ),
  };
}
