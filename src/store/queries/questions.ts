import type { Selectable } from "kysely";
import type { Engine } from "../engine.js";
import { iso, type QuestionsTable } from "../schema.js";
import type { ConfirmationQuestions, QuestionRow } from "../types.js";

type QuestionRecord = Selectable<QuestionsTable>;

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
export function confirmationQuestions({ db }: Engine): ConfirmationQuestions {
  const select = (id: string) =>
    db.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirst();
  return {
    async openQuestion(question, at) {
      await db
        .insertInto("questions")
        .values({
          id: question.id,
          requester_platform: question.requester.platform,
          requester_id: question.requester.id,
          payload: question.payload,
          state: "open",
          created_at: iso(at),
          expires_at: iso(question.expiresAt),
        })
        .execute();
    },
    async answerQuestion(id, by, state, at) {
      const stamp = iso(at);
      const won = await db
        .updateTable("questions")
        .set({ state, answered_at: stamp })
        .where("id", "=", id)
        .where("requester_platform", "=", by.platform)
        .where("requester_id", "=", by.id)
        .where("state", "=", "open")
        .where("expires_at", ">", stamp)
        .returningAll()
        .executeTakeFirst();
      if (won !== undefined) return { kind: "answered", question: toQuestion(won) };
      // Read after the update only to say why it lost; the update alone decided.
      const record = await select(id);
      const open = record?.state === "open" && record.expires_at > stamp;
      return record !== undefined && open
        ? { kind: "notRequester", requester: toQuestion(record).requester }
        : { kind: "stale" };
    },
    async question(id) {
      const record = await select(id);
      return record && toQuestion(record);
    },
    async expireQuestions(at) {
      const expired = await db
        .updateTable("questions")
        .set({ state: "expired" })
        .where("state", "=", "open")
        .where("expires_at", "<=", iso(at))
        .executeTakeFirst();
      return Number(expired.numUpdatedRows);
    },
  };
}
