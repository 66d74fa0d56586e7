// An embedder keeps exactly-once across restarts by giving the pager the SQLite history file,
// as the README shows: a command Slack delivers again after the bot restarted pages nobody twice.
import { mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, LogLevel } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerSmsCommand } from "../../adapters/slack/index.js";
import {
  CsoftClient,
  createPager,
  openSqliteStore,
  type Simulator,
  startSimulator,
} from "../../src/index.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { postSigned, SECRETS } from "../slack/harness.js";
import { messages, recordingLogger } from "./recording-logger.js";

let slack: FakeSlack;
let simulator: Simulator;
let csoft: CsoftClient;
let dataDir: string;

beforeEach(async () => {
  slack = await startFakeSlack();
  simulator = await startSimulator({ username: "ops", pin: SECRETS.pin });
  csoft = new CsoftClient({
    credentials: { username: "ops", pin: SECRETS.pin },
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
  });
  dataDir = mkdtempSync(join(tmpdir(), "csoft-chatops-embed-"));
});

afterEach(async () => {
  await csoft.close();
  await simulator.close();
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One life of the host's Bolt app, with the history in `dataDir`. */
async function startBot() {
  const { logger, entries } = recordingLogger();
  const store = openSqliteStore(dataDir);
  const app = new App({
    token: SECRETS.botToken,
    signingSecret: SECRETS.signingSecret,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  const sms = registerSmsCommand(app, {
    pager: createPager({ transport: csoft, logger, store }),
    logger,
  });
  const server = (await app.start(0)) as Server;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  return {
    logged: () => messages(entries),
    send: (fields: Record<string, string>, headers: Record<string, string> = {}) =>
      postSigned(url, fields, { headers }),
    stop: async () => {
      await app.stop();
      await sms.drain();
      await store.close();
    },
  };
}

describe("the history file across a restart", () => {
  it("pages once when Slack delivers the same /sms again to the restarted bot", async () => {
    const command = {
      command: "/sms",
      text: "447700900101 db1 is down",
      user_id: "UCALLER1",
      channel_id: "C0PAGES",
      team_id: "T0001",
      response_url: slack.responseUrl("sms"),
      trigger_id: "1337.42.restart",
    };
    const first = await startBot();
    expect((await first.send(command)).status).toBe(200);
    await slack.until(() =>
      slack.callsOf("chat.postMessage").some((call) => call.params.thread_ts !== undefined),
    );
    await first.stop();
    expect(simulator.requests).toHaveLength(1);

    const second = await startBot();
    const retry = await second.send(command, {
      "X-Slack-Retry-Num": "1",
      "X-Slack-Retry-Reason": "http_timeout",
    });
    expect(retry.status).toBe(200);
    await slack.until(() =>
      second.logged().some((message) => message.startsWith("command delivered again")),
    );
    await second.stop();
    expect(simulator.requests).toHaveLength(1);
    expect(slack.callsOf("chat.postMessage")).toHaveLength(2);
  });
});
