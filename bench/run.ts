// npm run bench [-- --latency-ms 100 --concurrency 4 --connect-timeout-ms 5000]
// Everything runs on 127.0.0.1: the csoft simulator, a fake Slack, and the real client and bot.
import { availableParallelism, cpus } from "node:os";
import { parseArgs } from "node:util";
import { MAX_BATCH_SIZE } from "../src/defaults.js";
import { measureFailover, type PrimaryFault } from "./failover.js";
import { pageNaively } from "./naive.js";
import { BENCH_CREDENTIALS } from "./numbers.js";
import { type RemoteSimulator, startSimulatorThread } from "./remote-simulator.js";
import { measureSlackAcks } from "./slack-ack.js";
import { count, markdownTable, ms, ratio, verdict } from "./table.js";
import { floorsFor, pageThroughClient, type Settings, type ThroughputRun } from "./throughput.js";

const SIZES = [1, 350, 3_500, 35_000];
const THROUGHPUT_RUNS = 3;
/** The baseline is measured in full up to this size and extrapolated linearly beyond it. */
const NAIVE_MEASURED_UP_TO = 350;
const ACK_COMMANDS = 200;
const ACK_WARM_UP = 10;
const ACK_P99_TARGET_MS = 50;
const FLOOR_RATIO_TARGET = 1.2;
const LATER_PAGES = 5;

function readSettings() {
  const { values } = parseArgs({
    options: {
      "latency-ms": { type: "string", default: "100" },
      concurrency: { type: "string", default: "4" },
      "connect-timeout-ms": { type: "string", default: "5000" },
    },
  });
  const whole = (name: keyof typeof values) => {
    const value = Number(values[name]);
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name} must be a whole number ≥ 1`);
    return value;
  };
  return {
    latencyMs: whole("latency-ms"),
    concurrency: whole("concurrency"),
    connectTimeoutMs: whole("connect-timeout-ms"),
  };
}

const say = (text = "") => process.stdout.write(`${text}\n`);

/** The run with the median wall time of `THROUGHPUT_RUNS`, each on a fresh simulator and client. */
async function medianRun(
  n: number,
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<ThroughputRun> {
  const runs: ThroughputRun[] = [];
  for (let i = 0; i < THROUGHPUT_RUNS; i++) runs.push(await pageThroughClient(n, settings, csoft));
  runs.sort((a, b) => a.wallMs - b.wallMs);
  const median = runs[Math.floor(runs.length / 2)];
  if (!median) throw new Error("no runs");
  return median;
}

async function throughput(settings: Settings, csoft: RemoteSimulator): Promise<boolean> {
  say(
    `## Paging N numbers: the real CsoftClient against the simulator (median of ${THROUGHPUT_RUNS} runs)`,
  );
  say();
  const rows: string[][] = [];
  let allPass = true;
  // The first page in a process pays for loading and compiling code: not counted.
  await pageThroughClient(MAX_BATCH_SIZE, settings, csoft);
  for (const n of SIZES) {
    const run = await medianRun(n, settings, csoft);
    if (run.accepted !== n) throw new Error(`only ${run.accepted} of ${n} numbers were accepted`);
    const floors = floorsFor(n, settings);
    const expected = Math.ceil(n / 350);
    const pass =
      run.requests === expected &&
      run.connections <= settings.concurrency &&
      run.wallMs <= FLOOR_RATIO_TARGET * floors.rounds;
    allPass &&= pass;
    rows.push([
      count(n),
      `${count(run.requests)} (target ${count(expected)})`,
      `${run.connections} (≤ ${settings.concurrency})`,
      ms(run.wallMs),
      ms(floors.formula),
      ratio(run.wallMs / floors.formula),
      ms(floors.rounds),
      ratio(run.wallMs / floors.rounds),
      verdict(pass),
    ]);
  }
  say(
    markdownTable(
      [
        "N",
        "requests",
        "connections",
        "wall time",
        "floor (formula)",
        "ratio",
        "floor (whole rounds)",
        "ratio",
        `target ≤ ${FLOOR_RATIO_TARGET}×`,
      ],
      rows,
    ),
  );
  say();
  return allPass;
}

async function naiveBaseline(settings: Settings, csoft: RemoteSimulator): Promise<void> {
  say(
    `## Naive baseline: one request per number, a new connection each, ${settings.concurrency} at a time`,
  );
  say();
  const measured = new Map<number, Awaited<ReturnType<typeof pageNaively>>>();
  for (const n of SIZES.filter((size) => size <= NAIVE_MEASURED_UP_TO)) {
    const run = await pageNaively(n, settings, csoft);
    if (run.answered !== n) throw new Error(`the baseline got ${run.answered} of ${n} answers`);
    measured.set(n, run);
  }
  const sample = measured.get(NAIVE_MEASURED_UP_TO);
  if (!sample) throw new Error("no baseline sample");
  const rows = SIZES.map((n) => {
    const run = measured.get(n);
    const floors = floorsFor(n, settings);
    const wallMs = run?.wallMs ?? (sample.wallMs * n) / NAIVE_MEASURED_UP_TO;
    const mark = run ? "" : " (extrapolated)";
    return [
      count(n),
      `${count(run?.requests ?? n)}${mark}`,
      `${count(run?.connections ?? n)}${mark}`,
      `${ms(wallMs)}${mark}`,
      ratio(wallMs / floors.formula),
      ratio(wallMs / floors.rounds),
    ];
  });
  say(
    markdownTable(
      ["N", "requests", "connections", "wall time", "ratio (formula)", "ratio (whole rounds)"],
      rows,
    ),
  );
  say();
  say(
    `Measured for N ≤ ${count(NAIVE_MEASURED_UP_TO)}; larger N are extrapolated linearly from the ` +
      `${count(NAIVE_MEASURED_UP_TO)}-number run (one round trip per ${settings.concurrency} numbers), ` +
      "because measuring them would take minutes.",
  );
  say();
}

async function slackAcks(settings: Settings): Promise<boolean> {
  say(`## Slack acknowledgement: ${ACK_COMMANDS} signed /sms commands, real Bolt App over HTTP`);
  say();
  const run = await measureSlackAcks(ACK_COMMANDS, ACK_WARM_UP, settings);
  const pass = run.p99Ms <= ACK_P99_TARGET_MS;
  say(
    markdownTable(
      [
        "commands",
        "median",
        "p99",
        "max",
        "pages sent to csoft",
        `target p99 ≤ ${ACK_P99_TARGET_MS} ms`,
      ],
      [
        [
          `${run.commands} (+${run.warmUp} warm-up, not counted)`,
          `${run.medianMs.toFixed(1)} ms`,
          `${run.p99Ms.toFixed(1)} ms`,
          `${run.maxMs.toFixed(1)} ms`,
          count(run.pagesSent),
          verdict(pass),
        ],
      ],
    ),
  );
  say();
  return pass;
}

async function failover(settings: Settings & { connectTimeoutMs: number }): Promise<boolean> {
  say(
    `## Failover: a page of 350 numbers, then ${LATER_PAGES} more inside the cool-down ` +
      `(connect time-out ${count(settings.connectTimeoutMs)} ms)`,
  );
  say();
  const faults: PrimaryFault[] = ["healthy", "refusing", "not answering"];
  const runs = [];
  for (const fault of faults) runs.push(await measureFailover(fault, LATER_PAGES, settings));
  const healthy = runs[0];
  if (!healthy) throw new Error("no healthy run");
  let allPass = true;
  const rows = runs.map((run) => {
    const failedOver = run.fault !== "healthy";
    // The healthy run is the reference for the cost; the target is about failing over.
    const pass =
      run.laterAttempts === 0 &&
      run.firstPageServer === "secondary" &&
      run.laterServers.join() === "secondary";
    if (failedOver) allPass &&= pass;
    const cost = run.firstPageMs - healthy.firstPageMs;
    return [
      `primary ${run.fault}`,
      ms(run.firstPageMs),
      failedOver ? `${cost < 0 ? "−" : "+"}${ms(Math.abs(cost))}` : "(reference)",
      run.firstPageServer,
      String(run.firstPageAttempts),
      ms(run.laterPageMaxMs),
      run.laterServers.join(", "),
      String(run.laterAttempts),
      failedOver ? verdict(pass) : "n/a",
    ];
  });
  say(
    markdownTable(
      [
        "primary",
        "first page",
        "failover cost",
        "answered by",
        "primary connect attempts",
        "later pages (slowest)",
        "answered by",
        "primary connect attempts",
        "target: later pages 0 attempts",
      ],
      rows,
    ),
  );
  say();
  return allPass;
}

async function main(): Promise<void> {
  const settings = readSettings();
  const started = performance.now();
  say("# csoft-chatops benchmark");
  say();
  say(
    `Node ${process.version}, ${availableParallelism()} CPU (${cpus()[0]?.model.trim() ?? "unknown"}); ` +
      `csoft simulator latency ${settings.latencyMs} ms; client concurrency ${settings.concurrency}; all on 127.0.0.1.`,
  );
  say(
    "floor (formula) = ceil(N/350) × latency / concurrency; floor (whole rounds) = " +
      "ceil(ceil(N/350) / concurrency) × latency; ratio = wall time ÷ floor.",
  );
  say();
  // csoft's side runs on a thread of its own, as on its own machine, for the whole run.
  const csoft = await startSimulatorThread({ ...BENCH_CREDENTIALS, latencyMs: settings.latencyMs });
  const results = [await throughput(settings, csoft)];
  await naiveBaseline(settings, csoft);
  await csoft.close();
  results.push(await slackAcks(settings), await failover(settings));
  say(
    `Total ${((performance.now() - started) / 1000).toFixed(1)} s; every target ${results.every(Boolean) ? "met" : "NOT met"}.`,
  );
  if (!results.every(Boolean)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
