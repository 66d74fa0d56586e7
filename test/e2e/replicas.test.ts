// Three real bot processes on one PostgreSQL schema, as behind a load balancer (the test picks
// the replica each request reaches): exactly once, the rate limit and the history hold across them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { MAX_HISTORY } from "../../src/command/index.js";
import { describePostgres } from "../support/postgres.js";
import { type Replicas, startReplicas } from "../support/replicas.js";

/** Generous: three processes and other test runs share a loaded machine. */
const WAIT_MS = 60_000;

describePostgres("three replicas on one PostgreSQL schema", (schema) => {
  let cluster: Replicas;

  beforeAll(async () => {
    cluster = await startReplicas({ schema: schema(), env: { SMS_RATE_LIMIT: "2/10m" } });
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  /** csoft requests whose message contains `marker`. */
  const requestsWith = (marker: string) =>
    cluster.simulator.requests.filter((request) => request.params.get("Message")?.includes(marker));
  /** The parent messages (one per page) whose text contains `marker`. */
  const parentsWith = (marker: string) =>
    cluster.slack
      .callsOf("chat.postMessage")
      .filter(
        (call) => call.params.thread_ts === undefined && String(call.params.text).includes(marker),
      );
  const threadOf = (ts: unknown) =>
    cluster.slack.callsOf("chat.postMessage").filter((call) => call.params.thread_ts === ts);
  /** Pages whose parent has a report in its thread. */
  const reportedWith = (marker: string) =>
    parentsWith(marker).filter((parent) => threadOf(parent.answer.ts).length > 0);
  /** Whether a replica logged `msg` for the command whose key is `requestKey`. */
  const logged = (stderr: string, requestKey: string, msg: string) =>
    stderr
      .split("\n")
      .some(
        (line) => line.includes(`"requestKey":"${requestKey}"`) && line.includes(`"msg":"${msg}`),
      );
  const answerTo = (id: string) => cluster.slack.responses.find((r) => r.id === id)?.body.text;

  it("sends the same command (same trigger_id) delivered to all three at once exactly once, in one thread", async () => {
    const fields = cluster.slashCommand("447700900123 same command everywhere", "same", {
      user_id: "USAME01",
    });
    const statuses = await Promise.all([0, 1, 2].map((index) => cluster.post(index, fields)));
    expect(statuses).toEqual([200, 200, 200]);
    const key = "slack:1337.42.same";
    // Each replica either sends it to the end or says it was handled already: then all is done.
    await cluster.slack.until(
      () =>
        cluster.replicas.every(
          ({ cli }) =>
            logged(cli.stderr(), key, "page done") ||
            logged(cli.stderr(), key, "command delivered again"),
        ),
      WAIT_MS,
    );
    const sent = cluster.replicas.filter(({ cli }) => logged(cli.stderr(), key, "page done"));
    expect(sent, cluster.logs()).toHaveLength(1);
    expect(requestsWith("same command everywhere")).toHaveLength(1);
    const parents = parentsWith("same command everywhere");
    expect(parents).toHaveLength(1);
    await cluster.slack.until(() => reportedWith("same command everywhere").length === 1, WAIT_MS);
    expect(JSON.stringify(threadOf(parents[0]?.answer.ts))).toContain("447700900123");
  }, 120_000);

  it("sends 30 different commands spread over the three, and every replica's history shows all 30", async () => {
    const count = 30;
    // 30 people, so that the rate limit of 2 per person (for the next test) counts none of them twice.
    const commands = Array.from({ length: count }, (_, i) =>
      cluster.slashCommand(
        `4477009${String(i * 100 + 42).padStart(5, "0")} batch page ${i}.`,
        `batch-${i}`,
        {
          user_id: `UBATCH${String(i).padStart(2, "0")}`,
        },
      ),
    );
    const statuses = await Promise.all(commands.map((fields, i) => cluster.post(i % 3, fields)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    await cluster.slack.until(() => reportedWith("batch page").length === count, WAIT_MS);

    const requests = requestsWith("batch page");
    expect(requests).toHaveLength(count);
    const messages = new Set(requests.map((request) => request.params.get("Message")));
    expect(messages.size).toBe(count);
    // Each replica sent its share: the pages were spread, not funnelled through one.
    for (const { cli } of cluster.replicas) {
      const lines = cli.stderr().split("\n");
      expect(
        lines.some(
          (line) => /1337\.42\.batch-\d+"/.test(line) && line.includes('"msg":"page done"'),
        ),
      ).toBe(true);
    }

    // History holds at most MAX_HISTORY lines: this schema has fewer pages than that in all.
    for (const index of [0, 1, 2]) {
      const id = `history-${index}`;
      await cluster.post(
        index,
        cluster.slashCommand(`history ${MAX_HISTORY}`, id, { user_id: "UREADER" }),
      );
      await cluster.slack.until(() => answerTo(id) !== undefined, WAIT_MS);
      const history = String(answerTo(id));
      const shown = new Set(history.match(/batch page \d+\./g));
      expect(shown.size, history).toBe(count);
    }
  }, 180_000);

  it("counts one person's pages on every replica: with 2 per 10 minutes, the third through a third replica is refused", async () => {
    const user = { user_id: "URATE01" };
    for (const index of [0, 1]) {
      const marker = `rate page ${index + 1}`;
      const status = await cluster.post(
        index,
        cluster.slashCommand(`447700900${index + 1}42 ${marker}`, `rate-${index}`, user),
      );
      expect(status).toBe(200);
      await cluster.slack.until(() => reportedWith(marker).length === 1, WAIT_MS);
    }
    await cluster.post(2, cluster.slashCommand("447700900342 rate page 3", "rate-2", user));
    await cluster.slack.until(() => answerTo("rate-2") !== undefined, WAIT_MS);
    expect(answerTo("rate-2")).toMatch(
      /^Too many pages: at most 2 per 10 min each\..*Nothing was sent\./,
    );
    expect(requestsWith("rate page")).toHaveLength(2);
    expect(parentsWith("rate page 3")).toEqual([]);
  }, 120_000);
  it("lets one person's three pages at once through three replicas take only the 2 slots there are", async () => {
    const user = { user_id: "URATE02" };
    const statuses = await Promise.all(
      [0, 1, 2].map((index) =>
        cluster.post(
          index,
          cluster.slashCommand(`447700901${index}42 burst page ${index}`, `burst-${index}`, user),
        ),
      ),
    );
    expect(statuses).toEqual([200, 200, 200]);
    const refused = () =>
      [0, 1, 2].filter((index) => /^Too many pages/.test(String(answerTo(`burst-${index}`))));
    await cluster.slack.until(
      () => reportedWith("burst page").length === 2 && refused().length === 1,
      WAIT_MS,
    );
    expect(requestsWith("burst page")).toHaveLength(2);
  }, 120_000);
});
