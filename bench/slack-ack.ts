// Slack's acknowledgement time: signed /sms commands through the real Bolt App over HTTP, with the
// fake Slack Web API of the tests and the csoft simulator behind it.
import { startSlack } from "../adapters/slack/index.js";
import { CsoftClient } from "../src/csoft/client.js";
import { startSimulator } from "../src/csoft/simulator.js";
import { silentLogger } from "../src/log.js";
import { createPager } from "../src/page/pager.js";
import { openSqliteFile } from "../src/store/index.js";
import { startFakeSlack } from "../test/slack/fake-slack.js";
import { postSigned, SECRETS } from "../test/slack/harness.js";
import { acceptedNumbers } from "./numbers.js";
import { percentile } from "./table.js";
import type { Settings } from "./throughput.js";

export interface AckRun {
  commands: number;
  warmUp: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  pagesSent: number;
}

export async function measureSlackAcks(
  commands: number,
  warmUp: number,
  settings: Settings,
): Promise<AckRun> {
  const slack = await startFakeSlack();
  const credentials = { username: "bench", pin: SECRETS.pin };
  const simulator = await startSimulator({ ...credentials, latencyMs: settings.latencyMs });
  const client = new CsoftClient({
    credentials,
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
    concurrency: settings.concurrency,
  });
  const logger = silentLogger();
  const bot = await startSlack({
    botToken: SECRETS.botToken,
    signingSecret: SECRETS.signingSecret,
    port: 0,
    apiUrl: slack.apiUrl,
    pager: createPager({ store: openSqliteFile(":memory:"), transport: client, logger }),
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const numbers = acceptedNumbers(commands + warmUp);
  const url = `http://127.0.0.1:${bot.port}/slack/events`;

  async function ackTime(i: number): Promise<number> {
    const fields = {
      command: "/sms",
      text: `${numbers[i]} bench page ${i}`,
      user_id: "UBENCH01",
      channel_id: "C0PAGES",
      team_id: "T0001",
      response_url: slack.responseUrl(`bench-${i}`),
      trigger_id: `1337.42.bench${i}`,
    };
    const started = performance.now();
    const response = await postSigned(url, fields);
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`command ${i} answered ${response.status}`);
    return elapsed;
  }

  try {
    for (let i = 0; i < warmUp; i++) await ackTime(i);
    const samples: number[] = [];
    // One after another, as a busy channel sends them; each page keeps running after its ack.
    for (let i = warmUp; i < warmUp + commands; i++) samples.push(await ackTime(i));
    await bot.stop();
    return {
      commands,
      warmUp,
      medianMs: percentile(samples, 0.5),
      p99Ms: percentile(samples, 0.99),
      maxMs: Math.max(...samples),
      pagesSent: simulator.requests.length,
    };
  } finally {
    await bot.stop();
    await client.close();
    await simulator.close();
    await slack.close();
  }
}
