import type { ConfirmationQuestions, QuestionRow, QuestionState } from "../types.js";
import type { SqliteDatabase } from "./database.js";

interface QuestionRecord {
  id: string;
  requester_platform: string;
  requester_id: string;
  payload: string;
  state: QuestionState;
  created_at: string;
  expires_at: string;
}

const iso = (at: number) => new Date(at).toISOString();

function toQuestion(record: QuestionRecord): QuestionRow {
  return {
    id: record.id,
    requester: {
      platform: record.requester_platform as QuestionRow["requester"]["platform"],
      id: record.requester_id,
    },
    payload: record.payload,
    state: record.state,
    createdAt: Date.parse(record.created_at),
    expiresAt: Date.parse(record.expires_at),
  };
}

/** Confirmation questions as rows: answering is one conditional update, so only one click wins. */
export function sqliteQuestions(db: SqliteDatabase): ConfirmationQuestions {
  const insert = db.prepare(
    `INSERT INTO questions (id, requester_platform, requester_id, payload, state, created_at, expires_at)
     VALUES (@id, @platform, @requester, @payload, 'open', @createdAt, @expiresAt)`,
  );
  const answer = db.prepare<[string, string, string, string, string, string], QuestionRecord>(
    `UPDATE questions SET state = ?, answered_at = ?
     WHERE id = ? AND requester_platform = ? AND requester_id = ? AND state = 'open' AND expires_at > ?
     RETURNING *`,
  );
  const select = db.prepare<[string], QuestionRecord>("SELECT * FROM questions WHERE id = ?");
  const expire = db.prepare<[string]>(
    "UPDATE questions SET state = 'expired' WHERE state = 'open' AND expires_at <= ?",
  );
  return {
    async openQuestion(question, at) {
      insert.run({
        id: question.id,
        platform: question.requester.platform,
        requester: question.requester.id,
        payload: question.payload,
        createdAt: iso(at),
        expiresAt: iso(question.expiresAt),
      });
    },
    async answerQuestion(id, by, state, at) {
      const stamp = iso(at);
      const won = answer.get(state, stamp, id, by.platform, by.id, stamp);
      if (won !== undefined) return { kind: "answered", question: toQuestion(won) };
      // Read after the update only to say why it lost; the update alone decided.
      const record = select.get(id);
      const open = record?.state === "open" && record.expires_at > stamp;
      return record !== undefined && open
        ? { kind: "notRequester", requester: toQuestion(record).requester }
        : { kind: "stale" };
    },
    async question(id) {
      const record = select.get(id);
      return record && toQuestion(record);
    },
    expireQuestions: async (at) => expire.run(iso(at)).changes,
  };
}
