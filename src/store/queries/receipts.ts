import type { Outcome } from "../../csoft/types.js";
import type { Engine } from "../engine.js";
import { countDeliveries, onePerNumber, type ResultWithReceipt } from "../receipt-rules.js";
import { iso, type ReceiptsTable } from "../schema.js";
import type {
  DeliveryCounts,
  DeliveryReceipts,
  NewReceipt,
  NumberDelivery,
  ReceiptRecorded,
  ReceiptRow,
} from "../types.js";
import type { Queryable } from "./rows.js";

const FINAL_STATES = ["delivered", "not-delivered"] as const;

function toReceiptRow(record: ReceiptsTable): ReceiptRow {
  return {
    messageId: record.message_id,
    number: record.number,
    state: record.state,
    reportCode: Number(record.report_code),
    meaning: record.meaning,
    handsetAt: record.handset_at === null ? null : Date.parse(record.handset_at),
    receivedAt: new Date(record.received_at),
    received: Number(record.received),
  };
}

type Recorded = Pick<ReceiptRecorded, "change" | "state">;

/**
 * Stores one receipt in up to three statements, each atomic on its own, so that two processes
 * taking receipts for one message at once cannot both decide: the first insert wins; a later
 * receipt moves the state only while it is not final and differs; anything else is only counted.
 * No transaction is needed around them, and the usual receipt, the first, is one statement.
 */
async function record(db: Queryable, receipt: NewReceipt, at: string): Promise<Recorded> {
  const key = { message_id: receipt.messageId, number: receipt.number };
  const values = {
    state: receipt.state,
    report_code: receipt.reportCode,
    meaning: receipt.meaning,
    handset_at: receipt.handsetAt === null ? null : iso(receipt.handsetAt),
    received_at: at,
  };
  const inserted = await db
    .insertInto("receipts")
    .values({ ...key, ...values, first_received_at: at, received: 1 })
    .onConflict((c) => c.columns(["message_id", "number"]).doNothing())
    .returning("message_id")
    .executeTakeFirst();
  if (inserted !== undefined) return { change: "new", state: receipt.state };
  const advanced = await db
    .updateTable("receipts")
    .set((eb) => ({ ...values, received: eb("received", "+", 1) }))
    .where("message_id", "=", key.message_id)
    .where("number", "=", key.number)
    .where("state", "not in", FINAL_STATES)
    .where((eb) =>
      eb.or([eb("state", "!=", receipt.state), eb("report_code", "!=", receipt.reportCode)]),
    )
    .executeTakeFirst();
  if (Number(advanced.numUpdatedRows) === 1) return { change: "advanced", state: receipt.state };
  const held = await db
    .updateTable("receipts")
    .set((eb) => ({ received_at: at, received: eb("received", "+", 1) }))
    .where("message_id", "=", key.message_id)
    .where("number", "=", key.number)
    .returning(["state", "report_code"])
    .executeTakeFirstOrThrow();
  const same = held.state === receipt.state && Number(held.report_code) === receipt.reportCode;
  return { change: same ? "duplicate" : "stale", state: held.state };
}

/** The page that got this identifier; the handset's own result first, when the number is given. */
async function pageOf(db: Queryable, receipt: NewReceipt): Promise<ReceiptRecorded["page"]> {
  const row = await db
    .selectFrom("results")
    .innerJoin("pages", "pages.id", "results.page_id")
    .select(["results.page_id", "pages.created_at"])
    .where("results.message_id", "=", receipt.messageId)
    .orderBy((eb) => eb("results.recipient", "=", receipt.number), "desc")
    .orderBy("results.rowid", "desc")
    .executeTakeFirst();
  return row && { id: Number(row.page_id), sentAt: Date.parse(row.created_at) };
}

/** A page's results, each with the receipt stored for its message when there is one. */
async function resultsWithReceipts(db: Queryable, pageId: number): Promise<ResultWithReceipt[]> {
  const rows = await db
    .selectFrom("results as r")
    .leftJoin("receipts as x", (join) =>
      join
        .onRef("x.message_id", "=", "r.message_id")
        .on((eb) => eb.or([eb("x.number", "=", eb.ref("r.recipient")), eb("x.number", "=", "")])),
    )
    .select([
      "r.recipient",
      "r.message_id",
      "r.outcome",
      "r.report_code",
      "r.meaning",
      "x.state as x_state",
      "x.report_code as x_code",
      "x.meaning as x_meaning",
      "x.handset_at",
    ])
    .where("r.page_id", "=", pageId)
    .orderBy("r.rowid")
    .execute();
  return rows.map(
    (row): ResultWithReceipt => ({
      recipient: row.recipient,
      messageId: row.message_id,
      outcome: row.outcome as Outcome,
      reportCode: row.report_code === null ? null : Number(row.report_code),
      meaning: row.meaning,
      receipt:
        row.x_state === null
          ? undefined
          : {
              state: row.x_state,
              reportCode: Number(row.x_code),
              meaning: row.x_meaning ?? "",
              handsetAt: row.handset_at === null ? null : new Date(row.handset_at),
            },
    }),
  );
}

async function pageDeliveries(db: Queryable, pageId: number): Promise<NumberDelivery[]> {
  return onePerNumber(await resultsWithReceipts(db, pageId));
}

/** Numbers of a page newly known not delivered, each claimed once across every process. */
async function claimNotDelivered(
  db: Queryable,
  pageId: number,
  at: number,
): Promise<NumberDelivery[]> {
  // One statement claims: whichever process runs it first gets each number, once.
  const claimed = await db
    .updateTable("receipts")
    .set({ notified_at: iso(at) })
    .where("notified_at", "is", null)
    .where("state", "=", "not-delivered")
    .where("message_id", "in", (eb) =>
      eb
        .selectFrom("results")
        .select("results.message_id")
        .where("results.page_id", "=", pageId)
        .where("results.message_id", "is not", null)
        .$narrowType<{ message_id: string }>(),
    )
    .returning("message_id")
    .execute();
  const ids = new Set(claimed.map((row) => row.message_id));
  return (await pageDeliveries(db, pageId)).filter(
    (d) => d.state === "not-delivered" && d.messageId !== null && ids.has(d.messageId),
  );
}

/** Receipts and each page's chat messages, written once for every engine. */
export function deliveryReceipts(
  engine: Engine,
): Omit<DeliveryReceipts, "saveThread" | "pageThread"> {
  const { db } = engine;
  return {
    async recordReceipt(receipt, at) {
      const { change, state } = await record(db, receipt, iso(at));
      return { change, state, page: await pageOf(db, receipt) };
    },
    recordReceipts: (receipts, at) =>
      db.transaction().execute(async (trx) => {
        const recorded: ReceiptRecorded[] = [];
        for (const receipt of receipts) {
          const { change, state } = await record(trx, receipt, iso(at));
          recorded.push({ change, state, page: await pageOf(trx, receipt) });
        }
        return recorded;
      }),
    pageDeliveries: (pageId) => pageDeliveries(db, pageId),
    async receiptsFor(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom("receipts")
        .selectAll()
        .where("message_id", "in", [...ids])
        .orderBy("received_at", "desc")
        .execute();
      return rows.map(toReceiptRow);
    },
    async deliveryCounts(pageIds) {
      const counts = new Map<number, DeliveryCounts>();
      for (const id of pageIds) {
        // A page no receipt came for says nothing of delivery: receipts may not be set up.
        const rows = await resultsWithReceipts(db, id);
        if (rows.some((row) => row.receipt !== undefined)) {
          counts.set(id, countDeliveries(onePerNumber(rows)));
        }
      }
      return counts;
    },
    claimNotDelivered: (pageId, at) => claimNotDelivered(db, pageId, at),
    async saveChatMessages(pageId, messages, at) {
      const values = {
        platform: messages.platform,
        parent: JSON.stringify(messages.parent),
        report: JSON.stringify(messages.report),
        summary: messages.summary,
        saved_at: iso(at),
      };
      await db
        .insertInto("chat_messages")
        .values({ page_id: pageId, ...values })
        .onConflict((c) => c.column("page_id").doUpdateSet(values))
        .execute();
    },
    async chatMessages(pageId) {
      const row = await db
        .selectFrom("chat_messages")
        .selectAll()
        .where("page_id", "=", pageId)
        .executeTakeFirst();
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
