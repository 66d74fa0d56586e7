// The program in Socket Mode, as deployed: /readyz follows the live connection to Slack.
import { afterEach, describe, expect, it } from "vitest";
import { startSimulator } from "../../src/csoft/simulator.js";
import { freePort, spawnCli } from "../support/run-cli.js";
import { startFakeSlack } from "./fake-slack.js";
import { startFakeSocket } from "./fake-socket.js";
import { SECRETS } from "./harness.js";

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function until(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("the condition never held");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm start -- --adapter slack, in Socket Mode", () => {
  it("is ready only while a socket connection to Slack is open", async () => {
    const slack = await startFakeSlack();
    closers.push(() => slack.close());
    const socket = await startFakeSocket();
    closers.push(() => socket.close());
    slack.setSocketUrl(socket.url);
    const simulator = await startSimulator({ username: "ops.1", pin: SECRETS.pin });
    closers.push(() => simulator.close());
    const port = await freePort();
    const bot = spawnCli(
      {
        SLACK_BOT_TOKEN: SECRETS.botToken,
        SLACK_APP_TOKEN: SECRETS.appToken,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        CSOFT_USERNAME: "ops.1",
        CSOFT_PIN: SECRETS.pin,
        CSOFT_PRIMARY_URL: simulator.url,
        CSOFT_SECONDARY_URL: simulator.url,
      },
      ["--adapter", "slack"],
    );
    closers.push(() => bot.stop());
    await bot.waitForLog(/adapter started/);
    const slackReady = async () => {
      const answer = await fetch(`http://127.0.0.1:${port}/readyz`);
      return ((await answer.json()) as { checks: { slack: boolean } }).checks.slack;
    };
    expect(await slackReady()).toBe(true);

    slack.setSocketUrl(undefined);
    socket.drop();
    await until(async () => (await slackReady()) === false);
    slack.setSocketUrl(socket.url);
    await until(slackReady);
    expect(socket.events).toEqual(["open 1", "close 1", "open 2"]);
    expect(await bot.stop("SIGTERM")).toBe(0);
  });
});
