// A replica killed while csoft has its page: once its lease runs out, a survivor marks the page
// interrupted (its fate unknown), says so in its thread, and nothing is resent.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describePostgres } from "../support/postgres.js";
import { type Replicas, startReplicas } from "../support/replicas.js";

const LEASE_MS = 5_000;
/** csoft answers after this: the page is still in flight when its replica dies. */
const CSOFT_LATENCY_MS = 10_000;
const WAIT_MS = 60_000;

describePostgres("three replicas: one killed while sending a page", (schema) => {
  let cluster: Replicas;
  let killedAt = 0;
  let takenOverAt = 0;
  let parentTs: unknown;

  beforeAll(async () => {
    cluster = await startReplicas({
      schema: schema(),
      csoftLatencyMs: CSOFT_LATENCY_MS,
      env: { REPLICA_LEASE_MS: String(LEASE_MS) },
    });
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  const marker = "slow page when its replica dies";
  const sent = () =>
    cluster.simulator.requests.filter((request) => request.params.get("Message")?.includes(marker));
  const answerTo = (id: string) => cluster.slack.responses.find((r) => r.id === id)?.body.text;
  const history = async (index: number, id: string) => {
    await cluster.post(index, cluster.slashCommand("history", id, { user_id: "UREADER" }));
    await cluster.slack.until(() => answerTo(id) !== undefined, WAIT_MS);
    return String(answerTo(id));
  };
  const notes = () =>
    cluster.slack
      .callsOf("chat.postMessage")
      .filter(
        (call) =>
          call.params.thread_ts === parentTs && /interrupted/i.test(JSON.stringify(call.params)),
      );

  it("marks the page interrupted within the lease, as every survivor's history shows, and resends nothing", async () => {
    await cluster.post(0, cluster.slashCommand(`447700900123 ${marker}`, "slow"));
    // csoft has the request and is taking its time to answer.
    await cluster.slack.until(() => sent().length === 1, WAIT_MS);
    parentTs = cluster.slack
      .callsOf("chat.postMessage")
      .find(
        (call) => call.params.thread_ts === undefined && String(call.params.text).includes(marker),
      )?.answer.ts;
    expect(parentTs).toBeDefined();

    const killed = cluster.replicas[0];
    if (killed === undefined) throw new Error("no replica 1");
    await killed.cli.stop("SIGKILL");
    killedAt = Date.now();
    // A survivor's history says so once it has taken the page over.
    let attempt = 0;
    for (;;) {
      const shown = await history(1, `poll-${attempt++}`);
      if (/slow page when its replica dies": interrupted: state unknown, not resent/.test(shown)) {
        break;
      }
      if (Date.now() - killedAt > WAIT_MS) throw new Error(`never marked interrupted: ${shown}`);
    }
    takenOverAt = Date.now();
    // The lease runs out at most LEASE_MS after the kill; a survivor's next sweep follows it.
    expect(takenOverAt - killedAt).toBeLessThan(2 * LEASE_MS);
    expect(await history(2, "history-3")).toMatch(
      /slow page when its replica dies": interrupted: state unknown, not resent/,
    );
    expect(sent()).toHaveLength(1);
  }, 180_000);

  it("says so, once, in the page's thread", async () => {
    await cluster.slack.until(() => notes().length > 0, WAIT_MS);
    expect(JSON.stringify(notes()[0]?.params)).toMatch(/state unknown/);
    expect(notes()).toHaveLength(1);
    expect(sent()).toHaveLength(1);
  }, 120_000);
});
