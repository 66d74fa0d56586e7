import type { DeliveryOptions } from "../../command/types.js";
import type { Outcome, ServerName } from "../../csoft/types.js";
import type { PageRow, PageState, ResultRow } from "../types.js";

export interface PageRecord {
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

export interface ResultRecord {
  page_id: number;
  recipient: string;
  report_code: number | null;
  outcome: Outcome;
  meaning: string;
  message_id: string | null;
  server: ServerName | null;
  recorded_at: string;
}

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
    numberCount: record.number_count,
    addressBooks: JSON.parse(record.address_books) as string[],
    message: record.message,
    state: record.state,
    reason: record.reason,
    completedAt: record.completed_at === null ? null : new Date(record.completed_at),
    counts,
    resendOf: record.resend_of,
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
    outcome: record.outcome,
    meaning: record.meaning,
    messageId: record.message_id,
    server: record.server,
    recordedAt: new Date(record.recorded_at),
  };
}
