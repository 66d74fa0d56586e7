// Credit in Slack over HTTP, end to end: /sms credit answered privately, the out-of-credit notice
// at the top of a page's thread, and the low-credit warning in the thread after it.
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CsoftAccount } from "../../src/csoft/account.js";
import { type SimulatorOptions, startSimulator } from "../../src/csoft/simulator.js";
import type { PagerDeps } from "../../src/page/pager.js";
import { blockTexts } from "./blocks.js";
import {
  CHANNEL,
  everythingPosted,
  type Harness,
  postCommand,
  SECRETS,
  startHarness,
} from "./harness.js";

/** The harness's csoft account ("ops" and its PIN): the query goes to servers of our choosing. */
const ACCOUNT = { username: "ops", pin: SECRETS.pin };
const closers: (() => Promise<unknown>)[] = [];
let harness: Harness;
afterEach(async () => {
  await harness?.close();
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function accountServer(options: SimulatorOptions = {}) {
  const simulator = await startSimulator({ ...ACCOUNT, ...options });
  closers.push(() => simulator.close());
  return simulator;
}

async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/webservices/http/sendsms`;
}

async function start(
  primaryUrl: string,
  secondaryUrl: string,
  pager: Partial<PagerDeps> = {},
  pin: string = ACCOUNT.pin,
) {
  const credit = new CsoftAccount({
    credentials: { username: ACCOUNT.username, pin },
    primaryUrl,
    secondaryUrl,
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 30_000,
  });
  closers.push(() => credit.close());
  harness = await startHarness("http", { pager: { credit, ...pager } });
}

async function run(text: string) {
  await postCommand(harness, harness.slashCommand(text, "cmd"));
  await harness.finish();
}

const posts = () => harness.slack.callsOf("chat.postMessage");
const privateAnswers = () => harness.slack.responses.map((response) => response.body);

describe("/sms credit in Slack", () => {
  it("answers privately with the balance, posting nothing in the channel", async () => {
    const csoft = await accountServer({
      credit: { currency: "GBP", amount: "7.5", shape: "separate" },
    });
    await start(csoft.url, csoft.url);
    await run("credit");
    expect(privateAnswers()).toEqual([
      {
        response_type: "ephemeral",
        text: "csoft credit: GBP 7.50 (answered by the primary server)",
      },
    ]);
    expect(posts()).toEqual([]);
  });

  it("asks the secondary when the primary refuses connections", async () => {
    const secondary = await accountServer();
    await start(await refusingUrl(), secondary.url);
    await run("credit");
    expect(privateAnswers().map((answer) => answer.text)).toEqual([
      "csoft credit: GBP 15.23 (answered by the secondary server: the primary could not be reached)",
    ]);
  });

  it("says the login was refused, asks no second server, and shows no PIN", async () => {
    const primary = await accountServer();
    const secondary = await accountServer();
    await start(primary.url, secondary.url, {}, "000001");
    await run("credit");
    expect(privateAnswers().map((answer) => answer.text)).toEqual([
      "Could not read the csoft credit: csoft (primary) answered the whole request with report code 2: login refused: username, PIN or source IP address",
    ]);
    expect(secondary.requests).toEqual([]);
    expect(everythingPosted(harness)).not.toContain("000001");
    expect(harness.logLines.join("")).not.toContain("000001");
  });
});

describe("credit in a page's Slack thread", () => {
  it("opens the report with out of credit and the balance when csoft answers code 15", async () => {
    const csoft = await accountServer({
      credit: { currency: "GBP", amount: "0.0100", shape: "inline" },
    });
    await start(csoft.url, csoft.url);
    await run("447700900115,447700900123 db1 is down");
    const [parent, thread, ...more] = posts();
    expect(more).toEqual([]);
    expect(thread?.params).toMatchObject({ channel: CHANNEL, thread_ts: parent?.answer.ts });
    const [, summary] = blockTexts(thread?.params.blocks as unknown[]);
    expect(summary?.split("\n")[0]).toBe(
      "OUT OF CREDIT: csoft refused 1 number with code 15; they were not sent. csoft credit: GBP 0.01. Top up the csoft account, then page them again.",
    );
    expect(thread?.params.text).toMatch(/^OUT OF CREDIT/);
  });

  it("posts the low-credit warning in the page's thread, after the report", async () => {
    const csoft = await accountServer();
    await start(csoft.url, csoft.url, { lowCredit: 100 });
    await run("447700900123 db1 is down");
    const [parent, report, warning, ...more] = posts();
    expect(more).toEqual([]);
    expect(report?.params.thread_ts).toBe(parent?.answer.ts);
    expect(warning?.params).toMatchObject({ channel: CHANNEL, thread_ts: parent?.answer.ts });
    expect(warning?.params.text).toBe(
      "Low csoft credit: GBP 15.23, below GBP 100.00 (CSOFT_LOW_CREDIT). Top up the csoft account before pages fail with code 15 (out of credit).",
    );
    expect(harness.logLines.some((line) => line.includes('"msg":"csoft credit is low"'))).toBe(
      true,
    );
  });
});
