// Three real bot processes in Socket Mode on one PostgreSQL schema, each holding a connection to
// Slack: Slack delivers an envelope to one connection and, its ack being late, the same envelope
// again to another. The command is sent once, in one thread.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeSocket, startFakeSocket } from "../slack/fake-socket.js";
import { describePostgres } from "../support/postgres.js";
import { type Replicas, startReplicas } from "../support/replicas.js";

/** Generous: three processes and other test runs share a loaded machine. */
const WAIT_MS = 60_000;

describePostgres("three Socket Mode replicas on one PostgreSQL schema", (schema) => {
  let socket: FakeSocket;
  let cluster: Replicas;

  beforeAll(async () => {
    socket = await startFakeSocket();
    cluster = await startReplicas({ schema: schema(), socket });
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
    await socket?.close();
  }, 60_000);

  /** The replicas whose log has `msg` for the command whose key is `requestKey`. */
  const loggedBy = (requestKey: string, msg: string) =>
    cluster.replicas.filter(({ cli }) =>
      cli
        .stderr()
        .split("\n")
        .some(
          (line) => line.includes(`"requestKey":"${requestKey}"`) && line.includes(`"msg":"${msg}`),
        ),
    );

  it("sends an envelope redelivered to another replica's connection once, in one thread", async () => {
    // One connection per replica, numbered in the order they opened: 1 and 2 are two processes.
    expect([...socket.events].sort()).toEqual(["open 1", "open 2", "open 3"]);
    const marker = "socket envelope redelivered";
    const envelope = {
      envelope_id: "env-replicas-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: cluster.slashCommand(`447700900123 ${marker}`, "socket-once", {
        user_id: "USOCKET1",
      }),
    };
    socket.sendTo(1, envelope);
    // The ack is late as far as Slack knows: the same envelope again, marked as a retry.
    socket.sendTo(2, { ...envelope, retry_attempt: 1, retry_reason: "timeout" });

    const key = "slack:1337.42.socket-once";
    await cluster.slack.until(
      () =>
        loggedBy(key, "page done").length + loggedBy(key, "command delivered again").length === 2,
      WAIT_MS,
    );
    const sent = loggedBy(key, "page done");
    const dropped = loggedBy(key, "command delivered again");
    expect(sent, cluster.logs()).toHaveLength(1);
    expect(dropped, cluster.logs()).toHaveLength(1);
    expect(sent[0]).not.toBe(dropped[0]);
    // Both deliveries were acknowledged, so Slack stops delivering it.
    expect(socket.received.filter((m) => m.envelope_id === envelope.envelope_id)).toHaveLength(2);

    const requests = cluster.simulator.requests.filter((request) =>
      request.params.get("Message")?.includes(marker),
    );
    expect(requests).toHaveLength(1);
    const posts = cluster.slack.callsOf("chat.postMessage");
    const parents = posts.filter(
      (call) => call.params.thread_ts === undefined && String(call.params.text).includes(marker),
    );
    expect(parents).toHaveLength(1);
    const thread = () =>
      cluster.slack
        .callsOf("chat.postMessage")
        .filter((call) => call.params.thread_ts === parents[0]?.answer.ts);
    await cluster.slack.until(() => thread().length > 0, WAIT_MS);
    expect(JSON.stringify(thread())).toContain("447700900123");
  }, 120_000);
});
