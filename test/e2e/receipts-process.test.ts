// The whole loop as it runs: `--adapter slack` over HTTP against a fake Slack and the simulator;
// a page to two numbers, then csoft's receipts posted to /csoft/receipts on the same port.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { postSigned, SECRETS } from "../slack/harness.js";
import { CALLBACK, postReceipt, receiptBody, receiptFields } from "../support/receipts.js";
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
      CSOFT_CALLBACK_USERNAME: CALLBACK.username,
      CSOFT_CALLBACK_PIN: CALLBACK.pin,
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

const command = (text: string, id: string) => ({
  command: "/sms",
  text,
  user_id: "UCALLER1",
  user_name: "caller",
  channel_id: "C0PAGES",
  team_id: "T0001",
  response_url: slack.responseUrl(id),
  trigger_id: `1337.42.${id}`,
});

describe("npm start -- --adapter slack, with delivery receipts", () => {
  it("shows both numbers' delivery in the thread within 5 s, and /sms status says delivered", async () => {
    const events = `http://127.0.0.1:${port}/slack/events`;
    expect(
      (await postSigned(events, command("447700900101,447700900102 db1 is down", "p"))).status,
    ).toBe(200);
    await slack.until(() =>
      slack.callsOf("chat.postMessage").some((call) => call.params.thread_ts),
    );
    const thread = JSON.stringify(
      slack.callsOf("chat.postMessage").filter((c) => c.params.thread_ts),
    );
    const [first, second] = [...new Set(thread.match(/30106C[0-9A-F]{2}/g) ?? [])].sort();
    expect(second).toBeDefined();

    const receipts = `http://127.0.0.1:${port}/csoft/receipts`;
    const started = performance.now();
    for (const [id, number, report] of [
      [first, "447700900101", 0],
      [second, "447700900102", 27],
    ] as const) {
      const answer = await postReceipt(
        receipts,
        receiptBody(receiptFields(id ?? "", number, report)),
      );
      expect(answer.status).toBe(200);
    }
    const last = () => JSON.stringify(slack.callsOf("chat.update").at(-1)?.params ?? {});
    await slack.until(() => last().includes("delivered 1 of 2, 1 not delivered, 0 waiting"), 5_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(last()).toContain("447700900101");
    expect(last()).toContain("NOT DELIVERED");

    expect((await postSigned(events, command(`status ${first}`, "s"))).status).toBe(200);
    await slack.until(() => slack.responses.some((r) => r.id === "s"));
    const status = JSON.stringify(slack.responses.filter((r) => r.id === "s"));
    expect(status).toContain("delivered to the handset");

    const wrong = receiptBody(receiptFields(first ?? "", "447700900101", 0, { PIN: "0000" }));
    expect((await postReceipt(receipts, wrong)).status).toBe(401);
    expect(bot.stdout() + bot.stderr()).not.toContain(CALLBACK.pin);
  });
});

describe("the terminal, with delivery receipts", () => {
  it("takes receipts on PORT while it runs and prints each as it arrives", async () => {
    const terminalPort = await freePort();
    const terminal = spawnCli(
      {
        PORT: String(terminalPort),
        LOG_LEVEL: "info",
        CSOFT_CALLBACK_USERNAME: CALLBACK.username,
        CSOFT_CALLBACK_PIN: CALLBACK.pin,
        // The receipt posted here is csoft's; the simulator's own would come much later.
        SIMULATOR_RECEIPT_DELAY_MS: "600000",
      },
      ["--adapter", "shell"],
    );
    await terminal.waitForLog(/health and metrics listening/);
    terminal.child.stdin.write("/sms 447700900101 db1 is down\n");
    const deadline = Date.now() + 10_000;
    while (!/30106C[0-9A-F]{2}/.test(terminal.stdout()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const [id] = terminal.stdout().match(/30106C[0-9A-F]{2}/) ?? [];
    const url = `http://127.0.0.1:${terminalPort}/csoft/receipts`;
    const answer = await postReceipt(url, receiptBody(receiptFields(id ?? "", "447700900101", 0)));
    expect(answer.status).toBe(200);
    while (!terminal.stdout().includes("receipt page #1") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(terminal.stdout()).toContain(
      `receipt page #1 447700900101: delivered at 2026-11-25 03:00:09Z, id ${id}`,
    );
    terminal.child.stdin.end();
    expect((await terminal.exited).code).toBe(0);
  });
});
