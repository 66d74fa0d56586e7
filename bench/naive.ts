// The baseline: what typical sample code does. One request per number, each on a new connection.
import { request } from "undici";
import { CSOFT_CONTENT_TYPE, encodeSendRequest } from "../src/csoft/encode.js";
import { mapWithLimit } from "../src/csoft/map-with-limit.js";
import { acceptedNumbers, BENCH_CREDENTIALS } from "./numbers.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./throughput.js";

export interface NaiveRun {
  n: number;
  requests: number;
  connections: number;
  wallMs: number;
  answered: number;
}

/** Sends `n` numbers one request each (`reset: true`: the connection closes after the answer). */
export async function pageNaively(
  n: number,
  settings: Settings,
  simulator: RemoteSimulator,
): Promise<NaiveRun> {
  const before = await simulator.stats();
  const message = { message: "Benchmark page: db1 is down", flash: false } as const;
  const started = performance.now();
  // Bounded to the same concurrency as the client: a fully sequential loop would take
  // n × latency, longer still.
  const answers = await mapWithLimit(acceptedNumbers(n), settings.concurrency, async (number) => {
    const body = encodeSendRequest(
      BENCH_CREDENTIALS,
      { destination: { kind: "numbers", numbers: [number] }, ...message },
      [number],
    );
    const response = await request(simulator.url, {
      method: "POST",
      headers: { "content-type": CSOFT_CONTENT_TYPE },
      body,
      reset: true,
    });
    const text = await response.body.text();
    return response.statusCode === 200 && text.includes("Report");
  });
  const wallMs = performance.now() - started;
  const after = await simulator.stats();
  return {
    n,
    requests: after.requests - before.requests,
    connections: after.connections - before.connections,
    wallMs,
    answered: answers.filter(Boolean).length,
  };
}
