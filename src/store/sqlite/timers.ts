import type { EscalationTimers, TimerRow, TimerState } from "../twoway-types.js";
import type { SqliteDatabase } from "./database.js";

interface TimerRecord {
  id: number;
  page_id: number;
  step: number;
  due_at: string;
  recipients: string;
  on_failure: number;
  state: TimerState;
  ended_at: string | null;
  escalation_page_id: number | null;
}

const iso = (at: number) => new Date(at).toISOString();

function toTimer(record: TimerRecord): TimerRow {
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

/** Unbounded reads of due steps still stop here: a backlog is worked through in rounds. */
const DUE_LIMIT = 100;

/** Escalation steps as rows; claiming one is one conditional update, so one process fires it. */
export function sqliteTimers(db: SqliteDatabase): EscalationTimers {
  const q = statements(db);
  const schedule = db.transaction((timers: Parameters<EscalationTimers["scheduleTimers"]>[0]) => {
    for (const timer of timers) {
      q.insert.run({
        pageId: timer.pageId,
        step: timer.step,
        dueAt: iso(timer.dueAt),
        recipients: JSON.stringify(timer.recipients),
        onFailure: timer.onFailure ? 1 : 0,
      });
    }
  });
  return {
    async scheduleTimers(timers) {
      schedule(timers);
    },
    dueTimers: async (at, limit = DUE_LIMIT) => q.due.all(iso(at), limit).map(toTimer),
    async nextDue() {
      const next = q.next.get();
      return next?.due_at == null ? undefined : Date.parse(next.due_at);
    },
    claimTimer: async (id, at) => q.claim.run(iso(at), id).changes === 1,
    async linkEscalation(timerId, escalationPageId) {
      q.link.run(escalationPageId, timerId);
    },
    cancelTimers: async (pageId, at) => q.cancel.run(iso(at), pageId).changes,
    timersOf: async (pageId) => q.of.all(pageId).map(toTimer),
    firstPageOf: async (pageId) => q.first.get(pageId)?.page_id ?? pageId,
  };
}

function statements(db: SqliteDatabase) {
  return {
    // A step scheduled again (a retried command) keeps the first row.
    insert: db.prepare<[Record<string, string | number>]>(
      `INSERT INTO escalation_timers (page_id, step, due_at, recipients, on_failure, state)
       VALUES (@pageId, @step, @dueAt, @recipients, @onFailure, 'pending')
       ON CONFLICT (page_id, step) DO NOTHING`,
    ),
    due: db.prepare<[string, number], TimerRecord>(
      `SELECT * FROM escalation_timers WHERE state = 'pending' AND due_at <= ?
       ORDER BY due_at, id LIMIT ?`,
    ),
    next: db.prepare<[], { due_at: string | null }>(
      "SELECT min(due_at) AS due_at FROM escalation_timers WHERE state = 'pending'",
    ),
    claim: db.prepare<[string, number]>(
      "UPDATE escalation_timers SET state = 'fired', ended_at = ? WHERE id = ? AND state = 'pending'",
    ),
    link: db.prepare<[number, number]>(
      "UPDATE escalation_timers SET escalation_page_id = ? WHERE id = ?",
    ),
    cancel: db.prepare<[string, number]>(
      "UPDATE escalation_timers SET state = 'cancelled', ended_at = ? WHERE page_id = ? AND state = 'pending'",
    ),
    of: db.prepare<[number], TimerRecord>(
      "SELECT * FROM escalation_timers WHERE page_id = ? ORDER BY step",
    ),
    first: db.prepare<[number], { page_id: number }>(
      "SELECT page_id FROM escalation_timers WHERE escalation_page_id = ?",
    ),
  };
}
