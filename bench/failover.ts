// What failover costs: the first page after the primary goes away, and the pages after it, with
// the hedged connect on and off when the primary is silent (its SYNs dropped).
import { buildConnector } from "undici";
import { type Simulator, startSimulator } from "../src/csoft/simulator.js";
import { acceptedNumbers, BENCH_CREDENTIALS, benchClient, pageOf } from "./fixtures.js";
import { HEDGING_AVAILABLE, hedgeDelay, NOT_MEASURED } from "./hedging.js";
import type { Settings } from "./settings.js";
import { median, repeat } from "./stats.js";
import { ms, type Section, signedMs } from "./table.js";
import { describeVerdict, exact, type Verdict, within, worst } from "./verdict.js";

const LATER_PAGES = 5;
const HEDGED_OVERHEAD_TARGET_MS = 50;

type PrimaryFault = "healthy" | "refusing" | "silent";

interface Case {
  fault: PrimaryFault;
  hedging: boolean;
}

interface FailoverRun {
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
    ...(hedging ? {} : hedgeDelay(0)),
  });
  const page = pageOf(acceptedNumbers(350));
  const send = async () => {
    const started = performance.now();
    const sent = await client.send(page);
    const servers = [...new Set(sent.batches.map((batch) => batch.server ?? "none"))].join("+");
    return { ms: performance.now() - started, servers };
  };
  try {
    const first = await send();
    const firstPageAttempts = counter.attemptsTo(portOf(primary));
    const later = await repeat(LATER_PAGES, send);
    return {
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

/** The least a first page can take: the wait before the secondary is tried, then one round. */
function floorOf({ fault, hedging }: Case, settings: Settings): number {
  if (fault !== "silent") return settings.latencyMs;
  return (hedging ? settings.hedgeDelayMs : settings.connectTimeoutMs) + settings.latencyMs;
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

export async function failoverSection(settings: Settings): Promise<Section> {
  const rows: string[][] = [];
  const verdicts: Verdict[] = [];
  for (const kase of CASES) {
    const label = [`primary ${kase.fault}`, kase.hedging ? "on" : "off"];
    if (kase.hedging && !HEDGING_AVAILABLE && kase.fault === "silent") {
      rows.push([...label, NOT_MEASURED]);
      verdicts.push("not measured");
      continue;
    }
    const runs = await repeat(settings.runs, () => measureFailover(kase, settings));
    const firstPageMs = median(runs.map((run) => run.firstPageMs));
    const floorMs = floorOf(kase, settings);
    const verdict = judge(kase, runs, firstPageMs - floorMs);
    if (verdict) verdicts.push(verdict);
    rows.push([
      ...label,
      ms(firstPageMs),
      ms(floorMs),
      signedMs(firstPageMs - floorMs),
      [...new Set(runs.map((run) => run.firstPageServers))].join(", "),
      String(Math.max(...runs.map((run) => run.firstPageAttempts))),
      ms(median(runs.map((run) => run.laterPageMaxMs))),
      [...new Set(runs.map((run) => run.laterServers))].join(", "),
      String(Math.max(...runs.map((run) => run.laterAttempts))),
      verdict ? describeVerdict(verdict) : "(reference)",
    ]);
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
  };
}
