import { type Selectable, sql } from "kysely";
import type { Engine } from "../engine.js";
import { type AcknowledgementsTable, iso, type RepliesTable } from "../schema.js";
import type { Acknowledgement, Acknowledgements, Replies, ReplyRow } from "../twoway-types.js";
import type { Queryable } from "./rows.js";

function toReply(record: Selectable<RepliesTable>): ReplyRow {
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

function toAck(record: Selectable<AcknowledgementsTable>): Acknowledgement {
  return {
    pageId: record.page_id,
    via: record.via,
    by: record.by_name,
    ...(record.reply_id !== null && { replyId: record.reply_id }),
    at: Date.parse(record.acknowledged_at),
  };
}

/** The first page of an escalation page's chain, else the page itself. */
export async function firstPage(db: Queryable, pageId: number): Promise<number> {
  const link = await db
    .selectFrom("escalation_timers")
    .select("page_id")
    .where("escalation_page_id", "=", pageId)
    .executeTakeFirst();
  return link?.page_id ?? pageId;
}

const selectAck = async (db: Queryable, pageId: number) =>
  db
    .selectFrom("acknowledgements")
    .selectAll()
    .where("page_id", "=", await firstPage(db, pageId))
    .executeTakeFirst();

/** Replies and acknowledgements; an acknowledgement and its cancelled steps are one transaction. */
export function replies({ db }: Engine): Replies & Acknowledgements {
  return {
    async recordReply(reply, at) {
      const inserted = await db
        .insertInto("replies")
        .values({
          received_at: iso(at),
          sender: reply.sender,
          two_way_number: reply.twoWayNumber,
          message: reply.message,
          sent_at: reply.sentAt === undefined ? null : iso(reply.sentAt),
          message_id: reply.messageId ?? null,
        })
        // A MessageIdentifier posted again inserts nothing: the first row stands.
        .onConflict((oc) => oc.doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted !== undefined) return { id: inserted.id, duplicate: false };
      const earlier = await db
        .selectFrom("replies")
        .select("id")
        .where("message_id", "=", reply.messageId ?? "")
        .executeTakeFirstOrThrow();
      return { id: earlier.id, duplicate: true };
    },
    async matchReply(replyId, pageId) {
      await db.updateTable("replies").set({ page_id: pageId }).where("id", "=", replyId).execute();
    },
    async reply(id) {
      const record = await db
        .selectFrom("replies")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      return record && toReply(record);
    },
    repliesTo: async (pageId) =>
      (
        await db
          .selectFrom("replies")
          .selectAll()
          .where("page_id", "=", pageId)
          .orderBy("id")
          .execute()
      ).map(toReply),
    openPagesTo: (number, since) => openPagesTo(db, number, since),
    acknowledge: (ack) =>
      db.transaction().execute(async (trx) => {
        const pageId = await firstPage(trx, ack.pageId);
        const inserted = await trx
          .insertInto("acknowledgements")
          .values({
            page_id: pageId,
            via: ack.via,
            by_name: ack.by,
            reply_id: ack.replyId ?? null,
            acknowledged_at: iso(ack.at),
          })
          .onConflict((oc) => oc.column("page_id").doNothing())
          .returning("page_id")
          .executeTakeFirst();
        if (inserted === undefined) {
          const first = await selectAck(trx, pageId);
          if (first === undefined) throw new Error("an acknowledgement vanished");
          return { kind: "already" as const, first: toAck(first) };
        }
        const cancelled = await trx
          .updateTable("escalation_timers")
          .set({ state: "cancelled", ended_at: iso(ack.at) })
          .where("page_id", "=", pageId)
          .where("state", "=", "pending")
          .executeTakeFirst();
        return { kind: "acknowledged" as const, cancelledSteps: Number(cancelled.numUpdatedRows) };
      }),
    async acknowledgement(pageId) {
      const record = await selectAck(db, pageId);
      return record && toAck(record);
    },
  };
}

/** Pages that reached `number` since `since` whose chain nobody acknowledged, newest first. */
async function openPagesTo(db: Queryable, number: string, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom("pages")
    .innerJoin("results", "results.page_id", "pages.id")
    .select("pages.id")
    .distinct()
    .where("results.recipient", "=", number)
    .where("results.outcome", "!=", "failed")
    .where("pages.created_at", ">=", iso(since))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("acknowledgements")
            .select("acknowledgements.page_id")
            .whereRef(
              "acknowledgements.page_id",
              "=",
              sql<number>`coalesce((select t.page_id from escalation_timers t where t.escalation_page_id = pages.id), pages.id)`,
            ),
        ),
      ),
    )
    .orderBy("pages.id", "desc")
    .execute();
  return rows.map(({ id }) => id);
}
