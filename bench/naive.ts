// The baseline: what typical sample code does. One request per number, each on a new connection.
import { request } from "undici";
import { CSOFT_CONTENT_TYPE, encodeSendRequest } from "../src/csoft/encode.js";
import { mapWithLimit } from "../src/csoft/map-with-limit.js";
import { acceptedNumbers, BENCH_CREDENTIALS, pageOf } from "./fixtures.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./settings.js";
import { median, repeat } from "./stats.js";
import { count, ms, type Section } from "./table.js";
import { networkFloor, SIZES } from "./throughput.js";

/** Measured at these sizes; larger ones are extrapolated (350 would take 10 s a run, 3,500 100 s). */
const MEASURED = [1, 35] as const;

interface NaiveRun {
  requests: number;
  connections: number;
  wallMs: number;
}

/** Sends `n` numbers one request each (`reset: true`: the connection closes after the answer). */
async function pageNaively(
  n: number,
  settings: Settings,
  simulator: RemoteSimulator,
): Promise<NaiveRun> {
  const before = await simulator.stats();
  const started = performance.now();
  // Bounded to the same concurrency as the client: a fully sequential loop would take
  // n × latency, longer still.
  const answers = await mapWithLimit(acceptedNumbers(n), settings.concurrency, async (number) => {
    const body = encodeSendRequest(BENCH_CREDENTIALS, pageOf([number]), [number]);
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
  if (!answers.every(Boolean)) throw new Error(`the baseline did not get ${n} answers`);
  const after = await simulator.stats();
  return {
    requests: after.requests - before.requests,
    connections: after.connections - before.connections,
    wallMs,
  };
}

export async function naiveSection(settings: Settings, csoft: RemoteSimulator): Promise<Section> {
  const measured = new Map<number, NaiveRun>();
  for (const n of MEASURED) {
    const runs = await repeat(settings.runs, () => pageNaively(n, settings, csoft));
    measured.set(n, {
      requests: Math.max(...runs.map((run) => run.requests)),
      connections: Math.max(...runs.map((run) => run.connections)),
      wallMs: median(runs.map((run) => run.wallMs)),
    });
  }
  const sampleSize = Math.max(...MEASURED);
  const sample = measured.get(sampleSize);
  if (!sample) throw new Error("no baseline sample");
  // Each round trip carries `concurrency` numbers, so time grows with the rounds.
  const rounds = (n: number) => Math.ceil(n / settings.concurrency);
  const perRoundMs = sample.wallMs / rounds(sampleSize);
  const sizes = [...new Set([...MEASURED, ...SIZES])].sort((a, b) => a - b);
  const rows = sizes.map((n) => {
    const run = measured.get(n);
    const wallMs = run?.wallMs ?? perRoundMs * rounds(n);
    const mark = run ? "" : " (extrapolated)";
    return [
      count(n),
      `${count(run?.requests ?? n)}${mark}`,
      `${count(run?.connections ?? n)}${mark}`,
      `${ms(wallMs)}${mark}`,
      `${(wallMs / networkFloor(n, settings).ms).toFixed(1)}×`,
    ];
  });
  return {
    title: `Naive baseline: one request per number, a new connection each, ${settings.concurrency} at a time (median of ${settings.runs} runs)`,
    header: ["N", "requests", "connections", "wall time", "× the network floor"],
    rows,
    verdicts: [],
    notes: [
      `Measured for N = ${MEASURED.map(count).join(" and ")}; larger N are extrapolated from the ` +
        `${count(sampleSize)}-number run's time per round trip (${settings.concurrency} numbers a round).`,
    ],
  };
}
