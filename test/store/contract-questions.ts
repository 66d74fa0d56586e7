// Confirmation questions, as every store must keep them: part of describeStoreContract.
import { describe, expect, it } from "vitest";
import type { NewQuestion } from "../../src/store/index.js";
import { AT, alice, bob, type StoreUnderTest } from "./fixtures.js";

const FIVE_MINUTES = 5 * 60_000;

const question = (id = "q1"): NewQuestion => ({
  id,
  requester: { platform: alice.platform, id: alice.id },
  payload: JSON.stringify({ command: "447700900101 db1 is down", channel: "C1" }),
  expiresAt: AT + FIVE_MINUTES,
});

export function describeQuestionsContract(t: () => StoreUnderTest): void {
  describe("confirmation questions", () => {
    it("keeps a question open with its whole payload until it is answered", async () => {
      const { store } = t();
      await store.openQuestion(question(), AT);
      expect(await store.question("q1")).toEqual({
        ...question(),
        state: "open",
        createdAt: AT,
      });
      expect(await store.question("nope")).toBeUndefined();
    });

    it("lets only the first answer claim it: a second click, anywhere, finds it answered", async () => {
      const { store } = t();
      await store.openQuestion(question(), AT);
      const first = await store.answerQuestion("q1", alice, "confirmed", AT + 1_000);
      expect(first).toEqual({
        kind: "answered",
        question: { ...question(), state: "confirmed", createdAt: AT },
      });
      const other = await t().reopen();
      expect(await other.answerQuestion("q1", alice, "confirmed", AT + 2_000)).toEqual({
        kind: "stale",
      });
      expect(await store.answerQuestion("q1", alice, "cancelled", AT + 2_000)).toEqual({
        kind: "stale",
      });
      expect((await store.question("q1"))?.state).toBe("confirmed");
    });

    it("lets two answers at once claim it once", async () => {
      const { store } = t();
      const other = await t().reopen();
      await store.openQuestion(question(), AT);
      const answers = await Promise.all([
        store.answerQuestion("q1", alice, "confirmed", AT + 1_000),
        other.answerQuestion("q1", alice, "confirmed", AT + 1_000),
      ]);
      expect(answers.map((answer) => answer.kind).sort()).toEqual(["answered", "stale"]);
    });

    it("leaves it open when someone other than the requester clicks", async () => {
      const { store } = t();
      await store.openQuestion(question(), AT);
      expect(await store.answerQuestion("q1", bob, "confirmed", AT + 1_000)).toEqual({
        kind: "notRequester",
        requester: { platform: "slack", id: alice.id },
      });
      const answered = await store.answerQuestion("q1", alice, "cancelled", AT + 2_000);
      expect(answered).toMatchObject({ kind: "answered", question: { state: "cancelled" } });
    });

    it("cannot be claimed once expired, and expiring marks only the questions past their time", async () => {
      const { store } = t();
      await store.openQuestion(question("old"), AT);
      await store.openQuestion({ ...question("new"), expiresAt: AT + 2 * FIVE_MINUTES }, AT);
      const late = AT + FIVE_MINUTES;
      expect(await store.answerQuestion("old", alice, "confirmed", late)).toEqual({
        kind: "stale",
      });
      expect(await store.expireQuestions(late)).toBe(1);
      expect((await store.question("old"))?.state).toBe("expired");
      expect((await store.question("new"))?.state).toBe("open");
      expect(await store.answerQuestion("old", alice, "confirmed", AT)).toEqual({ kind: "stale" });
    });

    it("survives a restart until it expires, and is answered from the new process", async () => {
      const { store } = t();
      await store.openQuestion(question(), AT);
      await store.close();
      const restarted = await t().reopen();
      expect((await restarted.question("q1"))?.state).toBe("open");
      const answered = await restarted.answerQuestion("q1", alice, "confirmed", AT + 60_000);
      expect(answered).toMatchObject({
        kind: "answered",
        question: { payload: question().payload },
      });
    });
  });
}
