// Replicas: Slack's acknowledgement time and pages per second with three bot processes on
// PostgreSQL beside one on SQLite, in the same run, as `npm start` runs them (Slack over HTTP).
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import pg from "pg";
import { startFakeSlack } from "../test/slack/fake-slack.js";
import { postSigned, SECRETS } from "../test/slack/harness.js";
import { freePort, type LiveCli, spawnCli } from "../test/support/run-cli.js";
import { acceptedNumbers, BENCH_CREDENTIALS } from "./fixtures.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./settings.js";
import { percentile } from "./stats.js";
import { count, fineMs, type Section, signedMs } from "./table.js";
import { describeVerdict, exact, type Verdict, within, worst } from "./verdict.js";

const ACKS = 300;
const WARM_UP = 20;
/** Commands posted for the throughput figure, `POSTERS` at a time spread over the replicas. */
const BURST = 300;
const POSTERS = 30;
const P99_TARGET_MS = 50;
const DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

interface Setup {
  name: string;
  replicas: number;
  /** A PostgreSQL schema for them all; none: SQLite in each one's own data folder. */
  schema?: string;
}

interface Measured {
  acks: number[];
  bare: number[];
  pagesPerSecond: number;
  commands: number;
  pagesSent: number;
  pagesReported: number;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function databaseUrlIn(schema: string): string {
  const url = new URL(DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

async function startBots(setup: Setup, csoft: RemoteSimulator, settings: Settings, apiUrl: string) {
  const ports: number[] = [];
  while (ports.length < setup.replicas) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const bots: LiveCli[] = ports.map((port) =>
    spawnCli(
      {
        SLACK_BOT_TOKEN: SECRETS.botToken,
        SLACK_SIGNING_SECRET: SECRETS.signingSecret,
        SLACK_API_URL: apiUrl,
        PORT: String(port),
        CSOFT_USERNAME: BENCH_CREDENTIALS.username,
        CSOFT_PIN: BENCH_CREDENTIALS.pin,
        CSOFT_PRIMARY_URL: csoft.url,
        CSOFT_SECONDARY_URL: csoft.url,
        CSOFT_CONCURRENCY: String(settings.concurrency),
        CSOFT_CONNECT_TIMEOUT_MS: String(settings.connectTimeoutMs),
        CSOFT_HEDGE_DELAY_MS: String(settings.hedgeDelayMs),
        // Every command is a page to acknowledge and send: none refused as busy or too many.
        SMS_MAX_IN_FLIGHT: String(WARM_UP + ACKS + BURST),
        SMS_RATE_LIMIT: "off",
        ...(setup.schema !== undefined && { DATABASE_URL: databaseUrlIn(setup.schema) }),
      },
      ["--adapter", "slack"],
    ),
  );
  const stopAll = () => Promise.all(bots.map((bot) => bot.stop("SIGTERM")));
  try {
    await Promise.all(bots.map((bot) => bot.waitForLog(/Slack listening over HTTP/, 120_000)));
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { urls: ports.map((port) => `http://127.0.0.1:${port}/slack/events`), stopAll };
}

/** The bare server in a process of its own, as each replica is. */
async function startBareProcess() {
  const child = fork(new URL("./bare-process.ts", import.meta.url), [], { stdio: "inherit" });
  const [{ port }] = (await once(child, "message")) as [{ port: number }];
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      const exited = once(child, "exit");
      child.disconnect();
      await exited;
    },
  };
}

async function postTime(url: string, fields: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await postSigned(url, fields);
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

async function until(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`replicas bench: ${what} never happened`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function measure(
  setup: Setup,
  settings: Settings,
  csoft: RemoteSimulator,
  bareUrl: string,
): Promise<Measured> {
  const slack = await startFakeSlack();
  const bots = await startBots(setup, csoft, settings, slack.apiUrl);
  const total = WARM_UP + ACKS + BURST;
  const numbers = acceptedNumbers(total);
  const fieldsOf = (i: number) => ({
    command: "/sms",
    text: `${numbers[i]} replicas bench page ${i}`,
    user_id: "UBENCH01",
    channel_id: "C0PAGES",
    team_id: "T0001",
    response_url: slack.responseUrl(`replicas-${i}`),
    trigger_id: `1337.42.${setup.name}.${i}`,
  });
  const urlOf = (i: number) => bots.urls[i % bots.urls.length] as string;
  /** Pages whose report reached their thread: one thread per page. */
  const reported = () => {
    const threads = slack.callsOf("chat.postMessage").map((call) => call.params.thread_ts);
    return new Set(threads.filter((ts) => ts !== undefined)).size;
  };
  try {
    const before = await csoft.stats();
    const acks: number[] = [];
    const bare: number[] = [];
    // One after another, each to the next replica as a round-robin balancer sends them.
    for (let i = 0; i < WARM_UP + ACKS; i++) {
      const bareMs = await postTime(bareUrl, fieldsOf(i));
      const ackMs = await postTime(urlOf(i), fieldsOf(i));
      if (i < WARM_UP) continue;
      bare.push(bareMs);
      acks.push(ackMs);
    }
    await until(() => reported() === WARM_UP + ACKS, "the acknowledged pages' reports");

    // A burst: from the first command to the last report, POSTERS commands at a time.
    const started = performance.now();
    let next = WARM_UP + ACKS;
    const poster = async () => {
      for (let i = next++; i < total; i = next++) await postTime(urlOf(i), fieldsOf(i));
    };
    await Promise.all(Array.from({ length: POSTERS }, poster));
    await until(() => reported() === total, "the burst's reports");
    const pagesPerSecond = BURST / ((performance.now() - started) / 1000);
    const pagesSent = (await csoft.stats()).requests - before.requests;
    return { acks, bare, pagesPerSecond, commands: total, pagesSent, pagesReported: reported() };
  } finally {
    await bots.stopAll();
    await slack.close();
  }
}

function rowOf(setup: Setup, measured: Measured, reference: Measured | undefined) {
  const p99 = percentile(measured.acks, 0.99);
  const bareP99 = percentile(measured.bare, 0.99);
  const referenceP99 = reference && percentile(reference.acks, 0.99);
  const verdict: Verdict = worst(
    within(p99 - bareP99, P99_TARGET_MS),
    exact(measured.pagesSent === measured.commands && measured.pagesReported === measured.commands),
  );
  const ratio = (value: number | undefined) =>
    value === undefined ? "(reference)" : `${value.toFixed(2)}×`;
  const cells = [
    setup.name,
    fineMs(percentile(measured.acks, 0.5)),
    fineMs(p99),
    fineMs(bareP99),
    signedMs(p99 - bareP99),
    ratio(referenceP99 && p99 / referenceP99),
    `${measured.pagesPerSecond.toFixed(1)}`,
    ratio(reference && measured.pagesPerSecond / reference.pagesPerSecond),
    `${count(measured.pagesSent)} / ${count(measured.pagesReported)}`,
    describeVerdict(verdict),
  ];
  return { cells, verdict };
}

export async function replicasSection(
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<Section> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const single: Setup = { name: "1 replica, SQLite", replicas: 1 };
  const three: Setup = { name: "3 replicas, PostgreSQL", replicas: 3, schema };
  const title =
    `Replicas: ${count(ACKS)} signed /sms one after another, then a burst of ${count(BURST)}, ` +
    "through `npm start` processes over HTTP";
  try {
    await admin(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      title,
      header: ["set-up", "verdict"],
      rows: [[three.name, "not measured"]],
      verdicts: ["not measured"],
      notes: [`PostgreSQL does not answer (${reason}): set TEST_DATABASE_URL.`],
    };
  }
  const bare = await startBareProcess();
  try {
    const reference = await measure(single, settings, csoft, bare.url);
    const replicated = await measure(three, settings, csoft, bare.url);
    const rows = [rowOf(single, reference, undefined), rowOf(three, replicated, reference)];
    return {
      title,
      header: [
        "set-up",
        "ack p50",
        "ack p99",
        "bare POST p99",
        "p99 over it",
        "p99 × 1 on SQLite",
        "pages/s (burst)",
        "pages/s × 1 on SQLite",
        `pages sent / reported (= ${count(WARM_UP + ACKS + BURST)})`,
        `target p99 ≤ ${P99_TARGET_MS} ms over the floor; every page sent once`,
      ],
      rows: rows.map((row) => row.cells),
      verdicts: rows.map((row) => row.verdict),
      notes: [
        "Commands go to the replicas in turn, as a round-robin load balancer sends them; the " +
          `burst posts ${POSTERS} at a time and counts from its first command to its last report ` +
          `in Slack. Each replica keeps at most ${settings.concurrency} requests in flight to ` +
          `csoft, which answers after ${settings.latencyMs} ms.`,
        "Before each command the same signed POST goes to a bare server that answers at once, " +
          "in a process of its own as each replica is: its p99 is the floor of this machine then.",
      ],
    };
  } finally {
    await bare.close();
    await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}
