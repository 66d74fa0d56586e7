// A team that already runs a Bolt app adds /sms in a few lines, through the package's entries:
// "csoft-chatops" (src/index.ts) and "csoft-chatops/slack" (adapters/slack/index.ts).
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { registerSmsCommand, type SmsCommand } from "../../adapters/slack/index.js";
import {
  CsoftClient,
  createPager,
  type Simulator,
  silentLogger,
  startSimulator,
} from "../../src/index.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { postSigned, SECRETS } from "../slack/harness.js";
import { memoryStore } from "../support/store.js";

let slack: FakeSlack;
let simulator: Simulator;
let client: CsoftClient;
let app: App;
let sms: SmsCommand;
let port: number;
const deploys: string[] = [];

beforeEach(async () => {
  slack = await startFakeSlack();
  simulator = await startSimulator({ username: "ops", pin: SECRETS.pin });
  deploys.length = 0;

  // The team's existing app, with a command of its own.
  app = new App({
    token: SECRETS.botToken,
    signingSecret: SECRETS.signingSecret,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    logLevel: LogLevel.ERROR,
  });
  app.command("/deploy", async ({ command, ack }) => {
    deploys.push(command.text);
    await ack(`Deploying ${command.text}`);
  });

  // What the README tells them to add.
  client = new CsoftClient({
    credentials: { username: "ops", pin: SECRETS.pin },
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
  });
  const logger = silentLogger();
  sms = registerSmsCommand(app, {
    pager: createPager({ store: memoryStore(), transport: client, logger }),
    logger,
  });

  const server = (await app.start(0)) as Server;
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  await app.stop();
  await sms.drain();
  await client.close();
  await simulator.close();
  await slack.close();
});

async function slashCommand(command: string, text: string) {
  const fields = {
    command,
    text,
    user_id: "UCALLER1",
    channel_id: "C0PAGES",
    team_id: "T0001",
    response_url: slack.responseUrl(command.slice(1)),
    trigger_id: "1337.42.embed",
  };
  return postSigned(`http://127.0.0.1:${port}/slack/events`, fields);
}

describe("registerSmsCommand on an existing Bolt App", () => {
  it("pages from a signed /sms: one csoft request, the page in the channel, results in its thread", async () => {
    const response = await slashCommand("/sms", "447700900101,447700900115 db1 is down");
    expect(response.status).toBe(200);

    await slack.until(() =>
      slack.callsOf("chat.postMessage").some((call) => call.params.thread_ts !== undefined),
    );
    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]?.params.get("SendTo")).toBe("447700900101,447700900115");
    const [parent, thread] = slack.callsOf("chat.postMessage");
    expect(parent?.params).toMatchObject({ channel: "C0PAGES" });
    expect(thread?.params.thread_ts).toBe(parent?.answer.ts);
    const results = JSON.stringify(thread?.params);
    expect(results).toContain("447700900101");
    expect(results).toContain("447700900115");
    expect(parent?.token).toBe(SECRETS.botToken);
  });

  it("leaves the app's own commands alone", async () => {
    const response = await slashCommand("/deploy", "api v42");
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("Deploying api v42");
    expect(deploys).toEqual(["api v42"]);
    expect(simulator.requests).toEqual([]);
  });

  it("answers a mistake privately and sends nothing", async () => {
    expect((await slashCommand("/sms", "447700900101")).status).toBe(200);
    await slack.until(() => slack.responses.length > 0);
    await sms.drain();
    expect(slack.responses[0]?.body).toMatchObject({ response_type: "ephemeral" });
    expect(simulator.requests).toEqual([]);
    expect(slack.callsOf("chat.postMessage")).toEqual([]);
  });
});
