// The first page after a quiet spell, when the connection to csoft is gone and a new one costs a
// handshake, against a page on a warm connection: through the pager, so its warm-up (a connection
// opened while the command is announced) can hide the handshake.
import { parseCommand } from "../src/command/index.js";
import { startSimulator } from "../src/csoft/simulator.js";
import { silentLogger } from "../src/log.js";
import { createPager } from "../src/page/pager.js";
import { openSqliteFile } from "../src/store/index.js";
import { type ConnectCostProxy, startConnectCostProxy } from "./connect-cost-proxy.js";
import { acceptedNumbers, BENCH_CREDENTIALS, BENCH_MESSAGE, benchClient } from "./fixtures.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./settings.js";
import { median, repeat } from "./stats.js";
import { BenchChat } from "./surface.js";
import { fineMs, ms, type Section, signedMs } from "./table.js";
import { describeVerdict, exact, type Verdict } from "./verdict.js";

/** Far longer than any idle close: a connection still open then is kept open for good. */
const IDLE_CLOSE_LIMIT_MS = 30_000;

interface PageRun {
  commandPathMs: number;
  pageMs: number;
  opened: number;
  /** Handshakes the request had to wait for: its bytes arrived before its connection was ready. */
  handshakesWaited: number;
}

async function allClosed(proxy: ConnectCostProxy): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`a connection was still open after ${IDLE_CLOSE_LIMIT_MS} ms`)),
      IDLE_CLOSE_LIMIT_MS,
    );
  });
  await Promise.race([proxy.allClosed(), limit]).finally(() => clearTimeout(timer));
}

/** `runs` pairs: the first page after the connection closed, then one on the connection left. */
async function measureIdlePages(settings: Settings, csoft: RemoteSimulator) {
  const proxy = await startConnectCostProxy(csoft.url, settings.connectCostMs);
  const secondary = await startSimulator(BENCH_CREDENTIALS);
  const client = benchClient({ primary: proxy.url, secondary: secondary.url }, settings);
  const pager = createPager({
    store: openSqliteFile(":memory:"),
    transport: client,
    logger: silentLogger(),
  });
  const chat = new BenchChat(settings.announceMs);
  const [number] = acceptedNumbers(1);

  async function page(): Promise<PageRun> {
    const started = performance.now();
    await pager.run(parseCommand(`${number} ${BENCH_MESSAGE}`), chat.ctx);
    const opened = proxy.connections.filter((connection) => connection.openedAt >= started);
    return {
      commandPathMs: chat.announcedAt - started,
      pageMs: chat.reportedAt - started,
      opened: opened.length,
      handshakesWaited: opened.filter(
        ({ firstByteAt, readyAt }) => firstByteAt !== undefined && firstByteAt < readyAt,
      ).length,
    };
  }

  try {
    await page(); // loads and compiles the code: not counted
    const runs = await repeat(settings.runs, async () => {
      await allClosed(proxy);
      const afterIdle = await page();
      return { afterIdle, warm: await page() };
    });
    if (secondary.requests.length > 0) throw new Error("the healthy primary was failed over");
    return { afterIdle: runs.map((run) => run.afterIdle), warm: runs.map((run) => run.warm) };
  } finally {
    await client.close();
    await Promise.all([proxy.close(), secondary.close()]);
  }
}

export async function idlePageSection(
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<Section> {
  const { afterIdle, warm } = await measureIdlePages(settings, csoft);
  const floorMs = settings.announceMs + settings.latencyMs;
  const row = (label: string, pages: PageRun[], verdict: Verdict) => {
    const pageMs = median(pages.map((run) => run.pageMs));
    return [
      label,
      fineMs(median(pages.map((run) => run.commandPathMs))),
      String(Math.max(...pages.map((run) => run.handshakesWaited))),
      String(Math.max(...pages.map((run) => run.opened))),
      ms(pageMs),
      ms(floorMs),
      signedMs(pageMs - floorMs),
      describeVerdict(verdict),
    ];
  };
  const afterIdleVerdict = exact(afterIdle.every((run) => run.handshakesWaited === 0));
  const warmVerdict = exact(warm.every((run) => run.handshakesWaited === 0 && run.opened === 0));
  return {
    title:
      `First page after idle vs a page on a warm connection, through the pager (median of ${settings.runs} runs; ` +
      `connect cost ${ms(settings.connectCostMs)}, announce ${ms(settings.announceMs)})`,
    header: [
      "page",
      "command path",
      "handshakes waited on",
      "connections opened",
      "command → report",
      "floor (announce + latency)",
      "overhead",
      "target: 0 handshakes waited on",
    ],
    rows: [
      row("first after idle", afterIdle, afterIdleVerdict),
      row("on a warm connection", warm, warmVerdict),
    ],
    verdicts: [afterIdleVerdict, warmVerdict],
    notes: [
      "Idle: after 60 s without a page the connection is long gone, because the client closes " +
        "idle connections within seconds; so each run waits for that close (seen at the proxy) " +
        "instead of 60 s. The proxy makes every new connection wait the connect cost before it " +
        "carries bytes; a request whose first byte arrives before then waited on a handshake.",
    ],
  };
}
