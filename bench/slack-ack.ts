// Slack's acknowledgement time: signed /sms commands through the real Bolt App over HTTP, with the
// fake Slack Web API of the tests and the csoft simulator behind it.
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startSlack } from "../adapters/slack/index.js";
import { silentLogger } from "../src/log.js";
import { createPager } from "../src/page/pager.js";
import { openSqliteFile } from "../src/store/index.js";
import { startFakeSlack } from "../test/slack/fake-slack.js";
import { postSigned, SECRETS } from "../test/slack/harness.js";
import { acceptedNumbers, benchClient } from "./fixtures.js";
import type { RemoteSimulator } from "./remote-simulator.js";
import type { Settings } from "./settings.js";
import { percentile } from "./stats.js";
import { count, fineMs, type Section, signedMs } from "./table.js";
import { describeVerdict, exact, within, worst } from "./verdict.js";

const COMMANDS = 1_000;
const WARM_UP = 20;
const P99_TARGET_MS = 50;

interface AckSamples {
  /** Each command's time from sending it to the end of Bolt's answer. */
  acks: number[];
  /** The same POST to a server that answers at once, sent just before each command. */
  bare: number[];
  pagesSent: number;
}

/** A server that reads the request and answers 200 at once: the floor under Bolt's answer. */
async function startBareServer() {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.end());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    close: () => new Promise((resolve) => server.close(resolve)),
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

async function ackTimes(settings: Settings, csoft: RemoteSimulator): Promise<AckSamples> {
  const bare = await startBareServer();
  const slack = await startFakeSlack();
  const client = benchClient({ primary: csoft.url, secondary: csoft.url }, settings);
  const logger = silentLogger();
  const bot = await startSlack({
    botToken: SECRETS.botToken,
    signingSecret: SECRETS.signingSecret,
    port: 0,
    apiUrl: slack.apiUrl,
    pager: createPager({
      store: openSqliteFile(":memory:"),
      transport: client,
      logger,
      // Every command is a page to acknowledge and send: none may be refused as busy.
      maxInFlight: WARM_UP + COMMANDS,
    }),
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
  });
  const numbers = acceptedNumbers(WARM_UP + COMMANDS);
  const url = `http://127.0.0.1:${bot.port}/slack/events`;

  const fieldsOf = (i: number) => ({
    command: "/sms",
    text: `${numbers[i]} bench page ${i}`,
    user_id: "UBENCH01",
    channel_id: "C0PAGES",
    team_id: "T0001",
    response_url: slack.responseUrl(`bench-${i}`),
    trigger_id: `1337.42.bench${i}`,
  });

  try {
    const before = await csoft.stats();
    const samples: AckSamples = { acks: [], bare: [], pagesSent: 0 };
    // One after another, as a busy channel sends them; each page keeps running after its ack.
    for (let i = 0; i < WARM_UP + COMMANDS; i++) {
      const bareMs = await postTime(bare.url, fieldsOf(i));
      const ackMs = await postTime(url, fieldsOf(i));
      if (i < WARM_UP) continue;
      samples.bare.push(bareMs);
      samples.acks.push(ackMs);
    }
    // Stopping waits for every page acknowledged: then all of them have reached csoft.
    await bot.stop();
    samples.pagesSent = (await csoft.stats()).requests - before.requests;
    return samples;
  } finally {
    await bot.stop();
    await client.close();
    await slack.close();
    await bare.close();
  }
}

export async function slackAckSection(
  settings: Settings,
  csoft: RemoteSimulator,
): Promise<Section> {
  const { acks, bare, pagesSent } = await ackTimes(settings, csoft);
  const p99 = percentile(acks, 0.99);
  const bareP99 = percentile(bare, 0.99);
  // The floor moves with the machine's load; what Bolt and the pager add is judged over it.
  const verdict = worst(
    within(p99 - bareP99, P99_TARGET_MS),
    exact(pagesSent === WARM_UP + COMMANDS),
  );
  return {
    title: `Slack acknowledgement: ${count(COMMANDS)} signed /sms commands, real Bolt App over HTTP`,
    header: [
      "commands",
      "p50",
      "p99",
      "max",
      "bare POST p99",
      "p99 over it",
      `pages sent to csoft (= ${count(WARM_UP + COMMANDS)})`,
      `target p99 ≤ ${P99_TARGET_MS} ms over the floor; every page sent`,
    ],
    rows: [
      [
        `${count(COMMANDS)} (+${WARM_UP} warm-up, not counted)`,
        fineMs(percentile(acks, 0.5)),
        fineMs(p99),
        fineMs(Math.max(...acks)),
        fineMs(bareP99),
        signedMs(p99 - bareP99),
        count(pagesSent),
        describeVerdict(verdict),
      ],
    ],
    verdicts: [verdict],
    notes: [
      "Before each command the same signed POST goes to a bare server on 127.0.0.1 that " +
        "answers at once: its p99 is the floor of this machine at that moment.",
    ],
  };
}
