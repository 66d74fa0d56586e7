import type { Kysely, Selectable } from "kysely";
import type { DeliveryOptions } from "../../command/types.js";
import type { Outcome, ServerName } from "../../csoft/types.js";
import type { PagesTable, ResultsTable, Schema } from "../schema.js";
import type { PageRow, ResultRow } from "../types.js";

/** A database to query: the store's own, or a transaction on it. */
export type Queryable = Kysely<Schema>;

/** A page as selected by PAGE_COLUMNS: its numbers only counted. */
export type PageRecord = Omit<Selectable<PagesTable>, "numbers" | "options" | "request_key"> & {
  number_count: number;
};

export type ResultRecord = Selectable<ResultsTable>;

/** A page as read back, with its result counts by outcome. */
export function toPage(record: PageRecord, counts: PageRow["counts"]): PageRow {
  return {
    id: record.id,
    platform: record.platform,
    actorId: record.actor_id,
    actorName: record.actor_name,
    channelId: record.channel_id,
    createdAt: new Date(record.created_at),
    recipients: JSON.parse(record.recipients) as string[],
    numberCount: Number(record.number_count),
    addressBooks: JSON.parse(record.address_books) as string[],
    message: record.message,
    state: record.state,
    reason: record.reason,
    completedAt: record.completed_at === null ? null : new Date(record.completed_at),
    counts,
    resendOf: record.resend_of,
    replicaId: record.replica_id,
  };
}

/** Delivery options as stored in JSON, with `sendAt` a Date again. */
export function readOptions(json: string): DeliveryOptions {
  const { sendAt, ...rest } = JSON.parse(json) as Omit<DeliveryOptions, "sendAt"> & {
    sendAt?: string;
  };
  return sendAt === undefined ? rest : { ...rest, sendAt: new Date(sendAt) };
}

export function toResult(record: ResultRecord): ResultRow {
  return {
    pageId: record.page_id,
    recipient: record.recipient,
    reportCode: record.report_code,
    outcome: record.outcome as Outcome,
    meaning: record.meaning,
    messageId: record.message_id,
    server: record.server as ServerName | null,
    recordedAt: new Date(record.recorded_at),
  };
}
