// Pages of N numbers through the real CsoftClient to the simulator: requests, connections, time.
import { startSimulator } from "../src/csoft/simulator.js";
import { MAX_BATCH_SIZE } from "../src/defaults.js";
import { acceptedNumbers, BENCH_CREDENTIALS, benchClient, pageOf } from "./fixtures.js";
import { bareRoundTrips, bodiesFor } from "./network-floor.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./settings.js";
import { median, repeat } from "./stats.js";
import { count, ms, type Section, signedMs } from "./table.js";
import { describeVerdict, exact, type Verdict, within, worst } from "./verdict.js";

export const SIZES = [1, 350, 3_500, 35_000] as const;
/** Overhead over the network floor, per round, at the median. */
const OVERHEAD_PER_ROUND_TARGET_MS = 10;
/** Short pages are run more often: one descheduling is a large part of a single round. */
const MEASURED_PER_SIZE_MS = 1_000;

/** Whole round trips: `concurrency` requests of ≤ 350 numbers each per round; none can beat it. */
export function networkFloor(n: number, { latencyMs, concurrency }: Settings) {
  const requests = Math.ceil(n / MAX_BATCH_SIZE);
  const rounds = Math.ceil(requests / concurrency);
  return { requests, rounds, ms: rounds * latencyMs };
}

interface ThroughputRun {
  requests: number;
  connections: number;
  wallMs: number;
  accepted: number;
  /** The same bodies through a bare client, just before or just after. */
  floorMs: number;
}

/**
 * One page on a fresh client (so every connection it uses is new and counted) against a
 * simulator that lives across runs, warm like a real server; counts are differences. The bare
 * floor is measured just before or just after, alternately, so neither is always the one that
 * follows the last run's tidying up.
 */
async function pageThroughClient(
  n: number,
  settings: Settings,
  primary: RemoteSimulator,
  floorFirst: boolean,
): Promise<ThroughputRun> {
  const numbers = acceptedNumbers(n);
  const bodies = bodiesFor(numbers);
  const floor = () => bareRoundTrips(primary.url, bodies, settings.concurrency);
  const secondary = await startSimulator(BENCH_CREDENTIALS);
  const client = benchClient({ primary: primary.url, secondary: secondary.url }, settings);
  try {
    const floorBefore = floorFirst ? await floor() : undefined;
    const before = await primary.stats();
    const started = performance.now();
    const sent = await client.send(pageOf(numbers));
    const wallMs = performance.now() - started;
    const after = await primary.stats();
    if (secondary.requests.length > 0) throw new Error("the healthy primary was failed over");
    return {
      requests: after.requests - before.requests,
      connections: after.connections - before.connections,
      wallMs,
      accepted: sent.results.filter((result) => result.outcome === "accepted").length,
      floorMs: floorBefore ?? (await floor()),
    };
  } finally {
    await client.close();
    await secondary.close();
  }
}

export async function throughputSection(
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<Section> {
  // The first page in a process pays for loading and compiling code: not counted.
  await pageThroughClient(MAX_BATCH_SIZE, settings, csoft, true);
  const rows: string[][] = [];
  const verdicts: Verdict[] = [];
  for (const n of SIZES) {
    const floor = networkFloor(n, settings);
    const times = Math.max(settings.runs, Math.ceil(MEASURED_PER_SIZE_MS / floor.ms));
    const runs = await repeat(times, (run) => pageThroughClient(n, settings, csoft, run % 2 === 0));
    if (runs.some((run) => run.accepted !== n)) throw new Error(`a page of ${n} was not accepted`);
    const requests = Math.max(...runs.map((run) => run.requests));
    const connections = Math.max(...runs.map((run) => run.connections));
    const wallMs = median(runs.map((run) => run.wallMs));
    // Each run against the floor measured beside it: both move with the machine's load.
    const overheadPerRound = median(runs.map((run) => run.wallMs - run.floorMs)) / floor.rounds;
    const verdict = worst(
      exact(runs.every((run) => run.requests === floor.requests)),
      exact(connections <= settings.concurrency),
      within(overheadPerRound, OVERHEAD_PER_ROUND_TARGET_MS),
    );
    verdicts.push(verdict);
    rows.push([
      count(n),
      String(times),
      `${count(requests)} (= ${count(floor.requests)})`,
      `${connections} (≤ ${settings.concurrency})`,
      ms(wallMs),
      `${ms(floor.ms)} (${floor.rounds} × ${settings.latencyMs} ms)`,
      ms(median(runs.map((run) => run.floorMs))),
      signedMs(overheadPerRound),
      describeVerdict(verdict),
    ]);
  }
  return {
    title: `Paging N numbers: the real CsoftClient against the simulator (medians of at least ${settings.runs} runs, and ${MEASURED_PER_SIZE_MS / 1000} s of network floor)`,
    header: [
      "N",
      "runs",
      "requests",
      "connections",
      "wall time",
      "network floor: nominal",
      "measured",
      "overhead per round",
      `target ≤ ${OVERHEAD_PER_ROUND_TARGET_MS} ms per round`,
    ],
    rows,
    verdicts,
    notes: [
      "The measured floor is the same request bodies posted by a bare undici Pool (fresh " +
        "connections, the same concurrency) just before or after each run, alternately; the " +
        "overhead per round is the median of each run's time minus its floor, over the rounds.",
    ],
  };
}
