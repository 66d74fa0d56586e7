// registerSmsCommand on an App the host application built itself.
import type { AddressInfo } from "node:net";
import { App, LogLevel } from "@slack/bolt";
import { afterEach, expect, it } from "vitest";
import { registerSmsCommand } from "../../adapters/slack/index.js";
import { silentLogger } from "../../src/log.js";
import { createPager } from "../../src/page/pager.js";
import { startLocalCsoft } from "../support/csoft.js";
import { memoryStore } from "../support/store.js";
import { startFakeSlack } from "./fake-slack.js";
import { sign } from "./harness.js";

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

it("adds /sms to an existing Bolt App", async () => {
  const slack = await startFakeSlack();
  cleanups.push(() => slack.close());
  const csoft = await startLocalCsoft();
  cleanups.push(() => csoft.close());

  const app = new App({
    token: "xoxb-host-app-token",
    signingSecret: "host-signing-secret",
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  const sms = registerSmsCommand(app, {
    pager: createPager({ store: memoryStore(), transport: csoft.client }),
    logger: silentLogger(),
  });
  const server = await app.start(0);
  cleanups.push(() => app.stop());

  const body = new URLSearchParams({
    command: "/sms",
    text: "447700900123 hello from the host app",
    user_id: "UHOST",
    channel_id: "CHOST",
    team_id: "T0001",
    response_url: slack.responseUrl("host"),
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": String(timestamp),
        "X-Slack-Signature": sign(body, timestamp, "host-signing-secret"),
      },
      body,
    },
  );
  expect(response.status).toBe(200);
  await sms.drain();

  expect(slack.callsOf("chat.postMessage").map((call) => call.params.channel)).toEqual([
    "CHOST",
    "CHOST",
  ]);
  expect(csoft.simulator.requests.map((request) => request.params.get("SendTo"))).toEqual([
    "447700900123",
  ]);
});
