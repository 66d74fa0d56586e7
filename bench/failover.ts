// What failover costs: the first page after the primary goes away, and the pages after it.
import { buildConnector } from "undici";
import { CsoftClient } from "../src/csoft/client.js";
import { type Simulator, startSimulator } from "../src/csoft/simulator.js";
import { acceptedNumbers, BENCH_CREDENTIALS } from "./numbers.js";
import type { Settings } from "./throughput.js";

export type PrimaryFault = "healthy" | "refusing" | "not answering";

export interface FailoverRun {
  fault: PrimaryFault;
  connectTimeoutMs: number;
  firstPageMs: number;
  firstPageServer: string;
  /** Connection attempts to the primary during the first page. */
  firstPageAttempts: number;
  laterPages: number;
  laterPageMaxMs: number;
  /** Connection attempts to the primary during the later pages (inside the cool-down). */
  laterAttempts: number;
  laterServers: string[];
}

/** Counts connection attempts per port; for `silentPort` it never calls back (a black hole). */
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

export async function measureFailover(
  fault: PrimaryFault,
  laterPages: number,
  settings: Settings & { connectTimeoutMs: number },
): Promise<FailoverRun> {
  const [primary, secondary] = await Promise.all([
    startSimulator({ ...BENCH_CREDENTIALS, latencyMs: settings.latencyMs }),
    startSimulator({ ...BENCH_CREDENTIALS, latencyMs: settings.latencyMs }),
  ]);
  if (fault === "refusing") await primary.setFault("refuse");
  const counter = countingConnector(fault === "not answering" ? portOf(primary) : undefined);
  const client = new CsoftClient({
    credentials: BENCH_CREDENTIALS,
    primaryUrl: primary.url,
    secondaryUrl: secondary.url,
    concurrency: settings.concurrency,
    connectTimeoutMs: settings.connectTimeoutMs,
    connector: counter.connector,
  });
  const numbers = acceptedNumbers(350);
  const page = async () => {
    const started = performance.now();
    const sent = await client.send({
      destination: { kind: "numbers", numbers },
      message: "Benchmark page: db1 is down",
      flash: false,
    });
    const servers = [...new Set(sent.batches.map((batch) => batch.server ?? "none"))].join("+");
    return { ms: performance.now() - started, servers };
  };
  try {
    const first = await page();
    const firstPageAttempts = counter.attemptsTo(portOf(primary));
    const later = [];
    for (let i = 0; i < laterPages; i++) later.push(await page());
    return {
      fault,
      connectTimeoutMs: settings.connectTimeoutMs,
      firstPageMs: first.ms,
      firstPageServer: first.servers,
      firstPageAttempts,
      laterPages,
      laterPageMaxMs: Math.max(...later.map((run) => run.ms)),
      laterAttempts: counter.attemptsTo(portOf(primary)) - firstPageAttempts,
      laterServers: [...new Set(later.map((run) => run.servers))],
    };
  } finally {
    await client.close();
    await Promise.all([primary.close(), secondary.close()]);
  }
}
