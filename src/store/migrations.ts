import { type Kysely, type Migration, sql } from "kysely";
import type { Ddl } from "./engine.js";

/**
 * The schema, one step per entry, applied in name order by Kysely's Migrator and never edited
 * once released: a new change is a new entry. The first three are the steps the first SQLite
 * releases applied by `PRAGMA user_version` (sqlite/baseline.ts adopts such databases).
 */
export function migrations(ddl: Ddl): Record<string, Migration> {
  return {
    "0001_history": { up: (db) => history(db, ddl) },
    // A resend to the numbers whose result was unknown: the page it resends.
    "0002_resend_of": {
      up: async (db) => {
        await db.schema
          .alterTable("pages")
          .addColumn("resend_of", "integer", (c) => c.references("pages.id"))
          .execute();
      },
    },
    // Confirmation questions: a row holds the whole page to send once its requester confirms.
    "0003_questions": { up: (db) => questions(db, ddl) },
    // Delivery receipts per message and handset, and where each page's chat messages are.
    "0004_receipts": { up: (db) => receipts(db, ddl) },
    // Two-way SMS: replies, the first acknowledgement of a page, escalation steps to fire once.
    "0005_two_way": { up: (db) => twoWay(db, ddl) },
    // Replicas: each renews a lease; a page names the replica sending it, so that a survivor
    // can tell the pages of a replica that stopped renewing.
    "0006_replica_leases": { up: (db) => replicaLeases(db, ddl) },
    // Where each page's thread is, stored once announced and before sending: a survivor says
    // in it that a page cut off mid-send was interrupted.
    "0007_page_threads": { up: (db) => pageThreads(db, ddl) },
  };
}

async function history(db: Kysely<unknown>, ddl: Ddl): Promise<void> {
  await ddl
    .strict(
      db.schema
        .createTable("request_keys")
        .addColumn("key", "text", (c) => c.primaryKey())
        .addColumn("received_at", "text", (c) => c.notNull()),
    )
    .execute();
  await ddl
    .strict(
      db.schema
        .createTable("pages")
        .addColumn("id", "integer", (c) => ddl.serialKey(c))
        .addColumn("request_key", "text")
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("actor_name", "text", (c) => c.notNull())
        .addColumn("channel_id", "text")
        .addColumn("created_at", "text", (c) => c.notNull())
        // JSON arrays: labels as the parent message shows them, then the numbers and books paged.
        .addColumn("recipients", "text", (c) => c.notNull())
        .addColumn("numbers", "text", (c) => c.notNull())
        .addColumn("address_books", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        // JSON of the delivery options (flash, delay, at, service, reply-to).
        .addColumn("options", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) =>
          c
            .notNull()
            .check(sql`state IN ('sending', 'completed', 'interrupted', 'refused', 'cancelled')`),
        )
        // Why a page was refused or cancelled, for the audit.
        .addColumn("reason", "text")
        .addColumn("completed_at", "text"),
    )
    .execute();
  await db.schema.createIndex("pages_by_state").on("pages").column("state").execute();
  await db.schema
    .createIndex("pages_by_actor")
    .on("pages")
    .columns(["platform", "actor_id", "created_at"])
    .execute();
  await ddl
    .strict(
      ddl.insertionOrder(
        db.schema
          .createTable("results")
          .addColumn("page_id", "integer", (c) => c.notNull().references("pages.id"))
          .addColumn("recipient", "text", (c) => c.notNull())
          .addColumn("report_code", "integer")
          .addColumn("outcome", "text", (c) => c.notNull())
          .addColumn("meaning", "text", (c) => c.notNull())
          .addColumn("message_id", "text")
          .addColumn("server", "text")
          .addColumn("recorded_at", "text", (c) => c.notNull()),
      ),
    )
    .execute();
  await db.schema.createIndex("results_by_page").on("results").column("page_id").execute();
  await db.schema.createIndex("results_by_message_id").on("results").column("message_id").execute();
  await db.schema
    .createIndex("results_by_recipient")
    .on("results")
    .columns(["recipient", "recorded_at"])
    .execute();
}

async function pageThreads(db: Kysely<unknown>, ddl: Ddl): Promise<void> {
  await ddl
    .strict(
      db.schema
        .createTable("page_threads")
        .addColumn("page_id", "integer", (c) => c.primaryKey().references("pages.id"))
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("thread", "text", (c) => c.notNull())
        .addColumn("saved_at", "text", (c) => c.notNull()),
    )
    .execute();
}

async function replicaLeases(db: Kysely<unknown>, ddl: Ddl): Promise<void> {
  await db.schema.alterTable("pages").addColumn("replica_id", "text").execute();
  await db.schema
    .createIndex("pages_by_replica")
    .on("pages")
    .columns(["replica_id", "state"])
    .execute();
  await ddl
    .strict(
      db.schema
        .createTable("replica_leases")
        .addColumn("replica_id", "text", (c) => c.primaryKey())
        .addColumn("renewed_at", "text", (c) => c.notNull()),
    )
    .execute();
}

async function questions(db: Kysely<unknown>, ddl: Ddl): Promise<void> {
  await ddl
    .strict(
      db.schema
        .createTable("questions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("requester_platform", "text", (c) => c.notNull())
        .addColumn("requester_id", "text", (c) => c.notNull())
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) =>
          c.notNull().check(sql`state IN ('open', 'confirmed', 'cancelled', 'expired')`),
        )
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("answered_at", "text"),
    )
    .execute();
  await db.schema
    .createIndex("questions_open")
    .on("questions")
    .columns(["state", "expires_at"])
    .execute();
}

async function twoWay(db: Kysely<unknown>, ddl: Ddl): Promise<void> {
  await ddl
    .strict(
      db.schema
        .createTable("replies")
        .addColumn("id", "integer", (c) => ddl.serialKey(c))
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("sender", "text", (c) => c.notNull())
        .addColumn("two_way_number", "text", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("sent_at", "text")
        .addColumn("message_id", "text")
        .addColumn("page_id", "integer", (c) => c.references("pages.id")),
    )
    .execute();
  // csoft posting one reply twice stores it once; replies without an identifier all count.
  await db.schema
    .createIndex("replies_by_message_id")
    .on("replies")
    .column("message_id")
    .unique()
    .where(sql.ref("message_id"), "is not", null)
    .execute();
  await db.schema.createIndex("replies_by_page").on("replies").column("page_id").execute();
  await ddl
    .strict(
      db.schema
        .createTable("acknowledgements")
        .addColumn("page_id", "integer", (c) => c.primaryKey().references("pages.id"))
        .addColumn("via", "text", (c) => c.notNull().check(sql`via IN ('sms', 'button')`))
        .addColumn("by_name", "text", (c) => c.notNull())
        .addColumn("reply_id", "integer", (c) => c.references("replies.id"))
        .addColumn("acknowledged_at", "text", (c) => c.notNull()),
    )
    .execute();
  await ddl
    .strict(
      db.schema
        .createTable("escalation_timers")
        .addColumn("id", "integer", (c) => ddl.serialKey(c))
        .addColumn("page_id", "integer", (c) => c.notNull().references("pages.id"))
        .addColumn("step", "integer", (c) => c.notNull())
        .addColumn("due_at", "text", (c) => c.notNull())
        .addColumn("recipients", "text", (c) => c.notNull())
        .addColumn("on_failure", "integer", (c) => c.notNull())
        .addColumn("state", "text", (c) =>
          c.notNull().check(sql`state IN ('pending', 'fired', 'cancelled')`),
        )
        .addColumn("ended_at", "text")
        .addColumn("escalation_page_id", "integer", (c) => c.references("pages.id"))
        .addUniqueConstraint("escalation_timers_step", ["page_id", "step"]),
    )
    .execute();
  await db.schema
    .createIndex("escalation_timers_due")
    .on("escalation_timers")
    .columns(["state", "due_at"])
    .execute();
  await db.schema
    .createIndex("escalation_timers_by_escalation")
    .on("escalation_timers")
    .column("escalation_page_id")
    .execute();
}

async function receipts(db: Kysely<unknown>, ddl: Ddl): Promise<void> {
  await ddl
    .strict(
      db.schema
        .createTable("receipts")
        .addColumn("message_id", "text", (c) => c.notNull())
        .addColumn("number", "text", (c) => c.notNull())
        .addColumn("state", "text", (c) =>
          c.notNull().check(sql`state IN ('accepted', 'delivered', 'not-delivered')`),
        )
        .addColumn("report_code", "integer", (c) => c.notNull())
        .addColumn("meaning", "text", (c) => c.notNull())
        .addColumn("handset_at", "text")
        .addColumn("first_received_at", "text", (c) => c.notNull())
        .addColumn("received_at", "text", (c) => c.notNull())
        .addColumn("received", "integer", (c) => c.notNull().defaultTo(1))
        .addColumn("notified_at", "text")
        .addPrimaryKeyConstraint("receipts_key", ["message_id", "number"]),
    )
    .execute();
  await ddl
    .strict(
      db.schema
        .createTable("chat_messages")
        .addColumn("page_id", "integer", (c) => c.primaryKey().references("pages.id"))
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("parent", "text", (c) => c.notNull())
        .addColumn("report", "text", (c) => c.notNull())
        .addColumn("summary", "text", (c) => c.notNull())
        .addColumn("saved_at", "text", (c) => c.notNull()),
    )
    .execute();
}
