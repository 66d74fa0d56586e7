// What failover costs: the first page after the primary goes away, and the pages after it, with
// the hedged connect on and off when the primary is silent (its SYNs dropped).
import { buildConnector } from "undici";
import { type Simulator, startSimulator } from "../src/csoft/simulator.js";
import { acceptedNumbers, BENCH_CREDENTIALS, benchClient, pageOf } from "./fixtures.js";
import { bareRoundTrips, bodiesFor } from "./network-floor.js";
import type { Settings } from "./settings.js";
import { median, repeat, staggered } from "./stats.js";
import { ms, type Section, signedMs } from "./table.js";
import { describeVerdict, exact, type Verdict, within, worst } from "./verdict.js";

const LATER_PAGES = 5;
const HEDGED_OVERHEAD_TARGET_MS = 50;
/** Longer than a run's busy part: its set-up, first page and later pages once it stops waiting. */
const STAGGER_MS = 1_000;

type PrimaryFault = "healthy" | "refusing" | "silent";

interface Case {
  fault: PrimaryFault;
  hedging: boolean;
}

interface FailoverRun {
  /** The same page through a bare client to the server that should answer it. */
  roundTripMs: number;
  firstPageMs: number;
  firstPageServers: string;
  /** Connection attempts to the primary during the first page. */
  firstPageAttempts: number;
  laterPageMaxMs: number;
  laterServers: string;
  /** Connection attempts to the primary during the later pages (inside the cool-down). */
  laterAttempts: number;
}

/** Counts connection attempts per port; for `silentPort` it never calls back (SYNs dropped). */
function countingConnector(silentPort: string | undefined) {
  const real = buildConnector({});
  const attempts = new Map<string, number>();
  const connector: buildConnector.connector = (options, callback) => {
    const port = String(options.port);
    attempts.set(port, (attempts.get(port) ?? 0) + 1);
    if (port !== silentPort) real(options, callback);
  };
  return { connector, attemptsTo: (port: string) => attempts.get(port) ?? 0 };
}

const portOf = (simulator: Simulator) => new URL(simulator.url).port;

async function measureFailover({ fault, hedging }: Case, settings: Settings): Promise<FailoverRun> {
  const simulatorOptions = { ...BENCH_CREDENTIALS, latencyMs: settings.latencyMs };
  const [primary, secondary] = await Promise.all([
    startSimulator(simulatorOptions),
    startSimulator(simulatorOptions),
  ]);
  if (fault === "refusing") await primary.setFault("refuse");
  const counter = countingConnector(fault === "silent" ? portOf(primary) : undefined);
  const client = benchClient({ primary: primary.url, secondary: secondary.url }, settings, {
    connector: counter.connector,
    ...(hedging ? {} : { hedgeDelayMs: 0 }),
  });
  const numbers = acceptedNumbers(350);
  const page = pageOf(numbers);
  const send = async () => {
    const started = performance.now();
    const sent = await client.send(page);
    const servers = [...new Set(sent.batches.map((batch) => batch.server ?? "none"))].join("+");
    return { ms: performance.now() - started, servers };
  };
  try {
    const answering = fault === "healthy" ? primary : secondary;
    const roundTripMs = await bareRoundTrips(answering.url, bodiesFor(numbers), 1);
    const first = await send();
    const firstPageAttempts = counter.attemptsTo(portOf(primary));
    const later = await repeat(LATER_PAGES, send);
    return {
      roundTripMs,
      firstPageMs: first.ms,
      firstPageServers: first.servers,
      firstPageAttempts,
      laterPageMaxMs: Math.max(...later.map((run) => run.ms)),
      laterServers: [...new Set(later.map((run) => run.servers))].join(", "),
      laterAttempts: counter.attemptsTo(portOf(primary)) - firstPageAttempts,
    };
  } finally {
    await client.close();
    await Promise.all([primary.close(), secondary.close()]);
  }
}

/** How long the client must wait before it may try the secondary. */
function waitBeforeSecondary({ fault, hedging }: Case, settings: Settings): number {
  if (fault !== "silent") return 0;
  return hedging ? settings.hedgeDelayMs : settings.connectTimeoutMs;
}

function judge(kase: Case, runs: readonly FailoverRun[], overheadMs: number): Verdict | undefined {
  if (kase.fault === "healthy") return undefined;
  const structural = exact(
    runs.every(
      (run) =>
        run.firstPageServers === "secondary" &&
        run.laterServers === "secondary" &&
        run.laterAttempts === 0,
    ),
  );
  const timed = kase.fault === "silent" && kase.hedging;
  return timed ? worst(structural, within(overheadMs, HEDGED_OVERHEAD_TARGET_MS)) : structural;
}

const CASES: readonly Case[] = [
  { fault: "healthy", hedging: true },
  { fault: "refusing", hedging: true },
  { fault: "silent", hedging: false },
  { fault: "silent", hedging: true },
];

/** One case's row, and its verdict unless it is the reference or could not be measured. */
async function failoverRow(kase: Case, settings: Settings) {
  const label = [`primary ${kase.fault}`, kase.hedging ? "on" : "off"];
  const waitMs = waitBeforeSecondary(kase, settings);
  const measure = () => measureFailover(kase, settings);
  // A run that waits seconds for a time-out starts while the one before it still waits.
  const runs =
    waitMs > STAGGER_MS
      ? await staggered(settings.runs, STAGGER_MS, measure)
      : await repeat(settings.runs, measure);
  const overheadMs = median(runs.map((run) => run.firstPageMs - waitMs - run.roundTripMs));
  const verdict = judge(kase, runs, overheadMs);
  const distinct = (values: string[]) => [...new Set(values)].join(", ");
  const row = [
    ...label,
    ms(median(runs.map((run) => run.firstPageMs))),
    ms(waitMs + median(runs.map((run) => run.roundTripMs))),
    signedMs(overheadMs),
    distinct(runs.map((run) => run.firstPageServers)),
    String(Math.max(...runs.map((run) => run.firstPageAttempts))),
    ms(median(runs.map((run) => run.laterPageMaxMs))),
    distinct(runs.map((run) => run.laterServers)),
    String(Math.max(...runs.map((run) => run.laterAttempts))),
    verdict ? describeVerdict(verdict) : "(reference)",
  ];
  return { row, verdict };
}

export async function failoverSection(settings: Settings): Promise<Section> {
  const rows: string[][] = [];
  const verdicts: Verdict[] = [];
  for (const kase of CASES) {
    const { row, verdict } = await failoverRow(kase, settings);
    rows.push(row);
    if (verdict) verdicts.push(verdict);
  }
  return {
    title:
      `Failover: a page of 350 numbers, then ${LATER_PAGES} more inside the cool-down ` +
      `(median of ${settings.runs} runs; connect time-out ${ms(settings.connectTimeoutMs)}, ` +
      `hedge delay ${ms(settings.hedgeDelayMs)})`,
    header: [
      "primary",
      "hedging",
      "first page",
      "network floor",
      "overhead",
      "answered by",
      "primary connects",
      "later pages (slowest)",
      "answered by",
      "primary connects",
      `target: secondary, later 0 connects; hedged ≤ ${HEDGED_OVERHEAD_TARGET_MS} ms over`,
    ],
    rows,
    verdicts,
    notes: [
      "The floor is the wait before the secondary may be tried (none, the connect time-out, or the " +
        "hedge delay) plus one round trip of the same request by a bare client to the server that " +
        "answers, measured in each run; the overhead is the median of each run's excess over it.",
    ],
  };
}
