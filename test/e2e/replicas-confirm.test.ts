// A confirmation question outlives the replica that asked it: a click reaching another replica
// answers it, once, and a click reaching a third finds it answered.
import { afterAll, beforeAll, expect, it } from "vitest";
import { CONFIRM_REPLIES } from "../../src/report/confirm.js";
import { describePostgres } from "../support/postgres.js";
import { type Replicas, startReplicas } from "../support/replicas.js";

const WAIT_MS = 60_000;

describePostgres(
  "three replicas: a confirmation asked through one, clicked through others",
  (schema) => {
    let cluster: Replicas;

    beforeAll(async () => {
      cluster = await startReplicas({ schema: schema() });
    }, 120_000);

    afterAll(async () => {
      await cluster?.close();
    }, 60_000);

    it("sends once when clicked through replica 2, and does nothing when clicked again through replica 3", async () => {
      // More numbers than SMS_CONFIRM_ABOVE (10) asks first.
      const numbers = Array.from(
        { length: 11 },
        (_, i) => `4477009${String(i * 100 + 42).padStart(5, "0")}`,
      );
      await cluster.post(
        0,
        cluster.slashCommand(`${numbers.join(",")} asked on one, confirmed on another`, "ask"),
      );
      await cluster.slack.until(
        () => cluster.slack.responses.some((r) => r.id === "ask" && r.body.blocks !== undefined),
        WAIT_MS,
      );
      const question = cluster.slack.responses.find((r) => r.id === "ask" && r.body.blocks);
      const blocks = question?.body.blocks as {
        elements?: { action_id: string; value: string }[];
      }[];
      const confirm = blocks
        .flatMap((block) => block.elements ?? [])
        .find((e) => e.action_id === "sms_confirm");
      if (confirm === undefined) throw new Error("the question has no confirm button");

      expect(await cluster.click(1, "sms_confirm", confirm.value, "click-2")).toBe(200);
      // Replica 2 never saw the question asked: only the store can tell it what was asked.
      await cluster.slack.until(
        () => cluster.slack.responses.some((r) => r.id === "click-2"),
        WAIT_MS,
      );
      const answered = cluster.slack.responses
        .filter((r) => r.id === "click-2")
        .map((r) => r.body.text);
      expect(answered).not.toContain(CONFIRM_REPLIES.stale);
      const reported = () =>
        cluster.slack
          .callsOf("chat.postMessage")
          .filter(
            (call) =>
              call.params.thread_ts !== undefined &&
              JSON.stringify(call.params).includes(numbers[0] as string),
          );
      await cluster.slack.until(() => reported().length > 0, WAIT_MS);
      const sent = () =>
        cluster.simulator.requests.filter((request) =>
          request.params.get("Message")?.includes("asked on one, confirmed on another"),
        );
      expect(sent()).toHaveLength(1);

      expect(await cluster.click(2, "sms_confirm", confirm.value, "click-3")).toBe(200);
      await cluster.slack.until(
        () => cluster.slack.responses.some((r) => r.id === "click-3"),
        WAIT_MS,
      );
      const again = cluster.slack.responses
        .filter((r) => r.id === "click-3")
        .map((r) => r.body.text);
      expect(again).toContain(CONFIRM_REPLIES.stale);
      expect(sent()).toHaveLength(1);
    }, 180_000);
  },
);
