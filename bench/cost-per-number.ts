// What a page costs this process per number, end to end through the pager: parsing the command,
// recording it in the history, encoding, sending, decoding, the report and its rendering.
// csoft runs in another process, so none of its work is counted.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommand } from "../src/command/index.js";
import { startSimulator } from "../src/csoft/simulator.js";
import { silentLogger } from "../src/log.js";
import { createPager } from "../src/page/pager.js";
import { openSqliteStore } from "../src/store/index.js";
import { acceptedNumbers, BENCH_CREDENTIALS, BENCH_MESSAGE, benchClient } from "./fixtures.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./settings.js";
import { median, repeat } from "./stats.js";
import { BenchChat } from "./surface.js";
import { count, ms, type Section } from "./table.js";
import { describeVerdict, within } from "./verdict.js";

const N = 35_000;
const CPU_TARGET_US = 25;
/** Often enough to catch the peak between batches; rarely enough to cost nothing. */
const HEAP_SAMPLE_MS = 10;

interface CostRun {
  cpuUsPerNumber: number;
  heapBytesPerThousand: number;
  wallMs: number;
}

const heapUsed = () => process.memoryUsage().heapUsed;

async function measureCost(
  n: number,
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<CostRun> {
  // `--yes`: a page this large is otherwise put to its sender for confirmation first.
  const text = `${acceptedNumbers(n).join(",")} --yes ${BENCH_MESSAGE}`;
  const secondary = await startSimulator(BENCH_CREDENTIALS);
  const client = benchClient({ primary: csoft.url, secondary: secondary.url }, settings);
  // History included, on disk as the bot keeps it: recording is part of a page's cost.
  const dataDir = mkdtempSync(join(tmpdir(), "csoft-chatops-bench-"));
  const store = openSqliteStore(dataDir);
  const pager = createPager({ store, transport: client, logger: silentLogger() });
  const chat = new BenchChat(0);
  try {
    globalThis.gc?.();
    const heapBefore = heapUsed();
    let heapPeak = heapBefore;
    const sample = () => {
      heapPeak = Math.max(heapPeak, heapUsed());
    };
    chat.onReport = sample;
    const sampler = setInterval(sample, HEAP_SAMPLE_MS);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await pager.run(parseCommand(text), chat.ctx);
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    if (secondary.requests.length > 0) throw new Error("the healthy primary was failed over");
    return {
      cpuUsPerNumber: (cpu.user + cpu.system) / n,
      heapBytesPerThousand: ((heapPeak - heapBefore) * 1_000) / n,
      wallMs,
    };
  } finally {
    await client.close();
    await secondary.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function costSection(settings: Settings, csoft: RemoteSimulator): Promise<Section> {
  await measureCost(N / 10, settings, csoft); // loads and compiles the code: not counted
  const runs = await repeat(settings.runs, () => measureCost(N, settings, csoft));
  const cpuUs = median(runs.map((run) => run.cpuUsPerNumber));
  const verdict = within(cpuUs, CPU_TARGET_US);
  const kib = median(runs.map((run) => run.heapBytesPerThousand)) / 1024;
  return {
    title: `Cost per number: a page of ${count(N)} through the pager, history included (median of ${settings.runs} runs)`,
    header: [
      "N",
      "CPU per number",
      "peak heap per 1,000 numbers",
      "command → report",
      `target CPU ≤ ${CPU_TARGET_US} µs`,
    ],
    rows: [
      [
        count(N),
        `${cpuUs.toFixed(1)} µs`,
        `${kib.toFixed(0)} KiB`,
        ms(median(runs.map((run) => run.wallMs))),
        describeVerdict(verdict),
      ],
    ],
    verdicts: [verdict],
    notes: [
      "CPU is process.cpuUsage() (user + system) of the bot's process from the command to its " +
        `rendered report; the heap is the peak above the heap before the command (after a GC), sampled every ${HEAP_SAMPLE_MS} ms and at the report.`,
    ],
  };
}
