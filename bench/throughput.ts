// Pages of N numbers through the real CsoftClient to the simulator: requests, connections, time.
import { CsoftClient } from "../src/csoft/client.js";
import { startSimulator } from "../src/csoft/simulator.js";
import { MAX_BATCH_SIZE } from "../src/defaults.js";
import { acceptedNumbers, BENCH_CREDENTIALS } from "./numbers.js";
import type { RemoteSimulator } from "./remote-simulator.js";

export interface Settings {
  latencyMs: number;
  concurrency: number;
}

export interface Floors {
  /** The formula: ceil(N/350) × latency / concurrency. */
  formula: number;
  /** Whole round trips: ceil(ceil(N/350) / concurrency) × latency; no client can beat it. */
  rounds: number;
}

export function floorsFor(n: number, { latencyMs, concurrency }: Settings): Floors {
  const requests = Math.ceil(n / MAX_BATCH_SIZE);
  return {
    formula: (requests * latencyMs) / concurrency,
    rounds: Math.ceil(requests / concurrency) * latencyMs,
  };
}

export interface ThroughputRun {
  n: number;
  requests: number;
  connections: number;
  wallMs: number;
  accepted: number;
}

/**
 * One page on a fresh client (so every connection it uses is new and counted) against a
 * simulator thread that lives across runs, warm like a real server; counts are differences.
 */
export async function pageThroughClient(
  n: number,
  settings: Settings,
  primary: RemoteSimulator,
): Promise<ThroughputRun> {
  const secondary = await startSimulator(BENCH_CREDENTIALS);
  const client = new CsoftClient({
    credentials: BENCH_CREDENTIALS,
    primaryUrl: primary.url,
    secondaryUrl: secondary.url,
    concurrency: settings.concurrency,
  });
  try {
    const numbers = acceptedNumbers(n);
    const before = await primary.stats();
    const started = performance.now();
    const sent = await client.send({
      destination: { kind: "numbers", numbers },
      message: "Benchmark page: db1 is down",
      flash: false,
    });
    const wallMs = performance.now() - started;
    const after = await primary.stats();
    if (secondary.requests.length > 0) throw new Error("the healthy primary was failed over");
    return {
      n,
      requests: after.requests - before.requests,
      connections: after.connections - before.connections,
      wallMs,
      accepted: sent.results.filter((result) => result.outcome === "accepted").length,
    };
  } finally {
    await client.close();
    await secondary.close();
  }
}
