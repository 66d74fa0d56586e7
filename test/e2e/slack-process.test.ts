import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { postSigned, SECRETS, sign } from "../slack/harness.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

let slack: FakeSlack;
let simulator: Simulator;
let bot: LiveCli;
let port: number;

beforeAll(async () => {
  slack = await startFakeSlack();
  simulator = await startSimulator({ username: "ops.1", pin: SECRETS.pin });
  port = await freePort();
  bot = spawnCli(
    {
      SLACK_BOT_TOKEN: SECRETS.botToken,
      SLACK_SIGNING_SECRET: SECRETS.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: SECRETS.pin,
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
    },
    ["--adapter", "slack"],
  );
  await bot.waitForLog(/Slack listening over HTTP/);
});

afterAll(async () => {
  await bot.stop();
  await simulator.close();
  await slack.close();
});

describe("npm start -- --adapter slack, over HTTP", () => {
  it("answers a signed JSON null with 400 and keeps running", async () => {
    const body = "null";
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": String(timestamp),
        "X-Slack-Signature": sign(body, timestamp),
      },
      body,
    });
    expect(response.status).toBe(400);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(bot.child.exitCode).toBeNull();
  });

  it("acks a signed /sms at once, sends one csoft request and answers in the thread", async () => {
    const fields = {
      command: "/sms",
      text: "447700900101,447700900115 db1 is down --flash",
      user_id: "UCALLER1",
      user_name: "caller",
      channel_id: "C0PAGES",
      team_id: "T0001",
      response_url: slack.responseUrl("e2e"),
      trigger_id: "1337.42.e2e",
    };
    const started = performance.now();
    const response = await postSigned(`http://127.0.0.1:${port}/slack/events`, fields);
    const ackMs = performance.now() - started;
    expect(response.status).toBe(200);
    expect(ackMs).toBeLessThan(3_000);

    await slack.until(() =>
      slack.callsOf("chat.postMessage").some((call) => call.params.thread_ts),
    );
    // One send; its code 15 then reads the balance (queryaccount) for the report.
    const sends = simulator.requests.filter(
      (request) => request.path === "/webservices/http/sendsms",
    );
    expect(sends).toHaveLength(1);
    expect(sends[0]?.params.get("FlashMessage")).toBe("db1 is down");

    const thread = JSON.stringify(
      slack.callsOf("chat.postMessage").filter((call) => call.params.thread_ts),
    );
    expect(thread).toContain("447700900101");
    expect(thread).toContain("447700900115");
    expect(thread).toMatch(/\b15\b/);
    const ids = thread.match(/30106C[0-9A-F]{2}/g) ?? [];
    expect(new Set(ids).size).toBe(2);
    const everything = JSON.stringify(slack.calls) + bot.stdout() + bot.stderr();
    expect(everything).not.toContain(SECRETS.pin);
    expect(everything).not.toContain(SECRETS.signingSecret);
    expect(`${bot.stdout()}${bot.stderr()}`).not.toContain(SECRETS.botToken);
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(await bot.stop("SIGTERM")).toBe(0);
  });
});
