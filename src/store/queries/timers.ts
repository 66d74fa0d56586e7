import type { Selectable } from "kysely";
import type { Engine } from "../engine.js";
import { type EscalationTimersTable, iso } from "../schema.js";
import type { EscalationTimers, TimerRow } from "../twoway-types.js";
import { firstPage } from "./replies.js";

function toTimer(record: Selectable<EscalationTimersTable>): TimerRow {
  return {
    id: record.id,
    pageId: record.page_id,
    step: record.step,
    dueAt: Date.parse(record.due_at),
    recipients: JSON.parse(record.recipients) as string[],
    onFailure: record.on_failure === 1,
    state: record.state,
    endedAt: record.ended_at === null ? null : Date.parse(record.ended_at),
    escalationPageId: record.escalation_page_id,
  };
}

/** A backlog of due steps is worked through in rounds of this many. */
const DUE_LIMIT = 100;

type TimerWrites = Pick<
  EscalationTimers,
  "scheduleTimers" | "claimTimer" | "linkEscalation" | "hastenFailureSteps" | "cancelTimers"
>;

/** Escalation steps as rows; claiming one is one conditional update, so one process fires it. */
export function escalationTimers(engine: Engine): EscalationTimers {
  return { ...timerWrites(engine), ...timerReads(engine) };
}

function timerReads({ db }: Engine): Omit<EscalationTimers, keyof TimerWrites> {
  return {
    dueTimers: async (at, limit = DUE_LIMIT) =>
      (
        await db
          .selectFrom("escalation_timers")
          .selectAll()
          .where("state", "=", "pending")
          .where("due_at", "<=", iso(at))
          .orderBy("due_at")
          .orderBy("id")
          .limit(limit)
          .execute()
      ).map(toTimer),
    async nextDue() {
      const next = await db
        .selectFrom("escalation_timers")
        .select(({ fn }) => fn.min("due_at").as("due_at"))
        .where("state", "=", "pending")
        .executeTakeFirst();
      return next?.due_at == null ? undefined : Date.parse(next.due_at);
    },
    timersOf: async (pageId) =>
      (
        await db
          .selectFrom("escalation_timers")
          .selectAll()
          .where("page_id", "=", pageId)
          .orderBy("step")
          .execute()
      ).map(toTimer),
    firstPageOf: (pageId) => firstPage(db, pageId),
  };
}

function timerWrites({ db }: Engine): TimerWrites {
  return {
    async scheduleTimers(timers) {
      if (timers.length === 0) return;
      await db
        .insertInto("escalation_timers")
        .values(
          timers.map((timer) => ({
            page_id: timer.pageId,
            step: timer.step,
            due_at: iso(timer.dueAt),
            recipients: JSON.stringify(timer.recipients),
            on_failure: timer.onFailure ? 1 : 0,
            state: "pending" as const,
          })),
        )
        // A step scheduled again keeps the first row.
        .onConflict((oc) => oc.columns(["page_id", "step"]).doNothing())
        .execute();
    },
    async claimTimer(id, at) {
      const claimed = await db
        .updateTable("escalation_timers")
        .set({ state: "fired", ended_at: iso(at) })
        .where("id", "=", id)
        .where("state", "=", "pending")
        .executeTakeFirst();
      return Number(claimed.numUpdatedRows) === 1;
    },
    async linkEscalation(timerId, escalationPageId) {
      await db
        .updateTable("escalation_timers")
        .set({ escalation_page_id: escalationPageId })
        .where("id", "=", timerId)
        .execute();
    },
    async hastenFailureSteps(pageId, at) {
      const hastened = await db
        .updateTable("escalation_timers")
        .set({ due_at: iso(at) })
        .where("page_id", "=", pageId)
        .where("state", "=", "pending")
        .where("on_failure", "=", 1)
        .where("due_at", ">", iso(at))
        .executeTakeFirst();
      return Number(hastened.numUpdatedRows);
    },
    async cancelTimers(pageId, at) {
      const cancelled = await db
        .updateTable("escalation_timers")
        .set({ state: "cancelled", ended_at: iso(at) })
        .where("page_id", "=", pageId)
        .where("state", "=", "pending")
        .executeTakeFirst();
      return Number(cancelled.numUpdatedRows);
    },
  };
}
