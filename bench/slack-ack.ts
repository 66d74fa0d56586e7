// Slack's acknowledgement time: signed /sms commands through the real Bolt App over HTTP, with the
// fake Slack Web API of the tests and the csoft simulator behind it.
import { startSlack } from "../adapters/slack/index.js";
import { silentLogger } from "../src/log.js";
import { createPager } from "../src/page/pager.js";
import { startFakeSlack } from "../test/slack/fake-slack.js";
import { postSigned, SECRETS } from "../test/slack/harness.js";
import { acceptedNumbers, benchClient } from "./fixtures.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./settings.js";
import { percentile } from "./stats.js";
import { count, fineMs, type Section } from "./table.js";
import { describeVerdict, within } from "./verdict.js";

const COMMANDS = 1_000;
const WARM_UP = 20;
const P99_TARGET_MS = 50;

/** Each command's time from sending it to the end of Bolt's answer, in order. */
async function ackTimes(
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<{ samples: number[]; pagesSent: number }> {
  const slack = await startFakeSlack();
  const client = benchClient({ primary: csoft.url, secondary: csoft.url }, settings);
  const logger = silentLogger();
  const bot = await startSlack({
    botToken: SECRETS.botToken,
    signingSecret: SECRETS.signingSecret,
    port: 0,
    apiUrl: slack.apiUrl,
    pager: createPager({ transport: client, logger }),
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const numbers = acceptedNumbers(WARM_UP + COMMANDS);
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
    const before = await csoft.stats();
    const samples: number[] = [];
    // One after another, as a busy channel sends them; each page keeps running after its ack.
    for (let i = 0; i < WARM_UP + COMMANDS; i++) {
      const elapsed = await ackTime(i);
      if (i >= WARM_UP) samples.push(elapsed);
    }
    // Stopping waits for every page acknowledged: then all of them have reached csoft.
    await bot.stop();
    return { samples, pagesSent: (await csoft.stats()).requests - before.requests };
  } finally {
    await bot.stop();
    await client.close();
    await slack.close();
  }
}

export async function slackAckSection(
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<Section> {
  const { samples, pagesSent } = await ackTimes(settings, csoft);
  const p99 = percentile(samples, 0.99);
  const verdict = within(p99, P99_TARGET_MS);
  return {
    title: `Slack acknowledgement: ${count(COMMANDS)} signed /sms commands, real Bolt App over HTTP`,
    header: [
      "commands",
      "p50",
      "p99",
      "max",
      "pages sent to csoft",
      `target p99 ≤ ${P99_TARGET_MS} ms`,
    ],
    rows: [
      [
        `${count(COMMANDS)} (+${WARM_UP} warm-up, not counted)`,
        fineMs(percentile(samples, 0.5)),
        fineMs(p99),
        fineMs(Math.max(...samples)),
        count(pagesSent),
        describeVerdict(verdict),
      ],
    ],
    verdicts: [verdict],
  };
}
