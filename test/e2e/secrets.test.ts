// The whole bot as a child process with Slack (HTTP) and Discord configured with real-looking
// secrets, logging at trace level: after pages, refusals and a shutdown, neither its log, its
// output nor its database holds the PIN, a token or the signing secret.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import {
  APPLICATION_ID,
  BOT_TOKEN,
  type FakeDiscord,
  startFakeDiscord,
} from "../discord/fake-discord.js";
import { smsInteraction } from "../discord/harness.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { sign } from "../slack/harness.js";
import { databaseBytes } from "../support/database-bytes.js";
import { until } from "../support/manual-timer.js";
import { spawnCli } from "../support/run-cli.js";

const SECRETS = {
  pin: "8675309",
  slackBotToken: "xoxb-2222-3333-e2eBotTokenSecret",
  slackSigningSecret: "e2eSigningSecretValue0123456789ab",
  discordToken: BOT_TOKEN,
};

let dataDir: string;
let simulator: Simulator;
let slack: FakeSlack;
let discord: FakeDiscord;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "csoft-chatops-secrets-"));
  simulator = await startSimulator({ username: "ops", pin: SECRETS.pin });
  slack = await startFakeSlack();
  discord = await startFakeDiscord();
});

afterEach(async () => {
  await simulator.close();
  await slack.close();
  await discord.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function slashCommand(port: number, text: string, id: string) {
  const body = new URLSearchParams({
    token: "legacyVerificationTokenE2E",
    team_id: "T0001",
    channel_id: "C0PAGES",
    user_id: "UCALLER1",
    user_name: "caller",
    command: "/sms",
    text,
    api_app_id: "A0001",
    response_url: slack.responseUrl(id),
    trigger_id: `e2e.${id}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": sign(body, timestamp, SECRETS.slackSigningSecret),
    },
    body,
  });
  return response.status;
}

describe("secrets across a whole run", () => {
  it("appear in no log line, output or database byte", async () => {
    const port = await freePort();
    const bot = spawnCli({
      CSOFT_USERNAME: "ops",
      CSOFT_PIN: SECRETS.pin,
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
      SLACK_BOT_TOKEN: SECRETS.slackBotToken,
      SLACK_SIGNING_SECRET: SECRETS.slackSigningSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DISCORD_TOKEN: SECRETS.discordToken,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_ALLOW_ROLES: "100000000000000777",
      DATA_DIR: dataDir,
      LOG_LEVEL: "trace",
    });
    try {
      await until(
        () => /discord ready/.test(bot.stderr()) && /Slack listening/.test(bot.stderr()),
        30_000,
      );
      expect(await slashCommand(port, "447700900123,447700900115 db1 is down", "page")).toBe(200);
      expect(await slashCommand(port, "history", "history")).toBe(200);
      expect(await slashCommand(port, "07700900123 not international", "bad")).toBe(200);
      // Discord is limited to a role this member lacks: refused.
      discord.sendInteraction(smsInteraction({ to: "447700900124", message: "refused" }));
      // The page, then the balance read for its code 15.
      await until(() => simulator.requests.length === 2 && slack.responses.length >= 2, 15_000);
      await until(() => /command refused/.test(bot.stderr()), 15_000);
    } finally {
      bot.child.kill("SIGTERM");
    }
    expect(await bot.exited).toEqual({ code: 0, signal: null });

    // The PIN went to csoft and the tokens to their APIs...
    expect(simulator.requests[0]?.params.get("PIN")).toBe(SECRETS.pin);
    expect(slack.calls.every((call) => call.token === SECRETS.slackBotToken)).toBe(true);
    // ...and nowhere else.
    const database = databaseBytes(dataDir);
    expect(database).toContain("db1 is down");
    const everything = [
      bot.stderr(),
      bot.stdout(),
      database,
      JSON.stringify(slack.responses),
      // What the bot said in Slack (auth.test carries the token as a parameter, where it belongs).
      JSON.stringify(
        slack.calls.filter((call) => call.method !== "auth.test").map((c) => c.params),
      ),
      JSON.stringify(discord.calls.map((call) => call.raw)),
    ].join("\n");
    expect(bot.stderr().split("\n").length).toBeGreaterThan(10);
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  }, 60_000);
});
