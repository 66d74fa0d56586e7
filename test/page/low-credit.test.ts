import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CsoftAccount } from "../../src/csoft/account.js";
import { CsoftClient } from "../../src/csoft/client.js";
import { type SimulatorOptions, startSimulator } from "../../src/csoft/simulator.js";
import { createLogger } from "../../src/log.js";
import { createPager, type PagerDeps } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

const ACCOUNT = { username: "ops.credit", pin: "620931" };
const QUERY_PATH = "/webservices/http/queryaccount";
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function simulator(options: SimulatorOptions = {}) {
  const started = await startSimulator({ ...ACCOUNT, ...options });
  closers.push(() => started.close());
  return started;
}

/** A loopback URL whose port nothing listens on. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/webservices/http/sendsms`;
}

interface Fixture {
  surface: RecordingSurface;
  clock: ManualClock;
  logs: { level: number; msg: string; [field: string]: unknown }[];
  page(text: string): Promise<string>;
}

/** A pager that sends to `sendUrl` and reads the balance from `creditUrl`, on a manual clock. */
function fixture(sendUrl: string, creditUrl: string, extra: Partial<PagerDeps> = {}): Fixture {
  const clock = manualClock();
  const logs: Fixture["logs"] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (line) => void logs.push(JSON.parse(line)) },
  });
  const urls = { primaryUrl: sendUrl, secondaryUrl: sendUrl };
  const transport = new CsoftClient({ credentials: ACCOUNT, ...urls, clock });
  const credit = new CsoftAccount({
    credentials: ACCOUNT,
    primaryUrl: creditUrl,
    secondaryUrl: creditUrl,
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 30_000,
  });
  closers.push(
    () => transport.close(),
    () => credit.close(),
  );
  const pager = createPager({ store: memoryStore(), transport, credit, clock, logger, ...extra });
  const surface = recordingSurface();
  const ctx: CommandContext = { actor: { platform: "shell", id: "u1", name: "alice" }, surface };
  return { surface, clock, logs, page: (text) => runText(pager, text, ctx) };
}

const queries = (csoft: { requests: { path: string }[] }) =>
  csoft.requests.filter((request) => request.path === QUERY_PATH).length;

describe("CSOFT_LOW_CREDIT", () => {
  it("says in the page's thread and the log when the balance after a page is below it", async () => {
    const csoft = await simulator();
    const { surface, logs, page } = fixture(csoft.url, csoft.url, { lowCredit: 20 });
    expect(await page("447700900042 db1 is down")).toBe("done");
    expect(surface.reports).toHaveLength(1);
    expect(surface.notes).toEqual([
      "Low csoft credit: GBP 15.23, below GBP 20.00 (CSOFT_LOW_CREDIT). Top up the csoft account before pages fail with code 15 (out of credit).",
    ]);
    const warning = logs.find((line) => line.msg === "csoft credit is low");
    expect(warning).toMatchObject({ level: 40, balance: 15.2345, currency: "GBP", lowCredit: 20 });
    expect(JSON.stringify(logs)).not.toContain(ACCOUNT.pin);
  });

  it("reads the balance at most once a minute on the clock, whatever the page rate", async () => {
    const csoft = await simulator();
    const { surface, clock, page } = fixture(csoft.url, csoft.url, { lowCredit: 20 });
    await page("447700900042 one");
    clock.advance(59_999);
    await page("447700900042 two");
    expect(queries(csoft)).toBe(1);
    expect(surface.notes).toHaveLength(1);
    clock.advance(1);
    await page("447700900042 three");
    expect(queries(csoft)).toBe(2);
    expect(surface.notes).toHaveLength(2);
  });

  it("says nothing when the balance is at or above it", async () => {
    const csoft = await simulator({ credit: { currency: "GBP", amount: "20", shape: "separate" } });
    const { surface, page } = fixture(csoft.url, csoft.url, { lowCredit: 20 });
    await page("447700900042 fine");
    expect(queries(csoft)).toBe(1);
    expect(surface.notes).toEqual([]);
  });

  it("reads nothing after pages when it is not set", async () => {
    const csoft = await simulator();
    const { surface, page } = fixture(csoft.url, csoft.url);
    await page("447700900042 fine");
    expect(queries(csoft)).toBe(0);
    expect(surface.notes).toEqual([]);
  });

  it("logs a balance it cannot read and leaves the page's outcome alone", async () => {
    const csoft = await simulator();
    const { surface, logs, page } = fixture(csoft.url, await refusingUrl(), { lowCredit: 20 });
    expect(await page("447700900042 fine")).toBe("done");
    expect(surface.reports).toHaveLength(1);
    expect(surface.notes).toEqual([]);
    expect(logs.some((line) => line.msg === "could not read the csoft credit")).toBe(true);
  });
});

describe("report code 15 (out of credit)", () => {
  it("opens the page's report, with the balance", async () => {
    const csoft = await simulator({
      credit: { currency: "GBP", amount: "0.0400", shape: "inline" },
    });
    const { surface, page } = fixture(csoft.url, csoft.url);
    expect(await page("447700900015,447700900115,447700900042 db1 is down")).toBe("failed");
    expect(surface.reports[0]?.notices).toEqual([
      "OUT OF CREDIT: csoft refused 2 numbers with code 15; they were not sent. csoft credit: GBP 0.04. Top up the csoft account, then page them again.",
    ]);
    expect(queries(csoft)).toBe(1);
  });

  it("says why when the balance cannot be read", async () => {
    const csoft = await simulator();
    const { surface, page } = fixture(csoft.url, await refusingUrl());
    await page("447700900015 db1 is down");
    expect(surface.reports[0]?.notices).toEqual([
      "OUT OF CREDIT: csoft refused 1 number with code 15; they were not sent. The balance could not be read: could not reach csoft (primary: connection refused; secondary: connection refused). Top up the csoft account, then page them again.",
    ]);
  });

  it("does not hold the report more than 5 s on the clock for a balance that does not come", async () => {
    const csoft = await simulator();
    const account = await simulator();
    await account.setFault("hang");
    const { surface, clock, page } = fixture(csoft.url, account.url);
    const outcome = page("447700900015 db1 is down");
    await until(() => queries(account) === 1);
    clock.advance(4_999);
    expect(surface.reports).toEqual([]);
    clock.advance(1);
    expect(await outcome).toBe("failed");
    expect(surface.reports[0]?.notices?.[0]).toContain(
      "The balance could not be read: no answer within 5000 ms.",
    );
  });

  it("adds nothing to a report without code 15", async () => {
    const csoft = await simulator();
    const { surface, page } = fixture(csoft.url, csoft.url);
    await page("447700900003 db1 is down");
    expect(surface.reports[0]?.notices).toBeUndefined();
    expect(queries(csoft)).toBe(0);
  });
});
