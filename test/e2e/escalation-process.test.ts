// The run as it runs: `--adapter slack` over HTTP against a fake Slack and the simulator,
// with a contacts file whose db-oncall escalates to carol after 10 s. Nobody acknowledges the
// first page: carol is paged and the thread says so. Alice acknowledges the second by SMS within
// 10 s: the thread says so and nobody more is paged. A receipt saying standby's only number
// was not delivered brings its on_failure step forward at once.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { postSigned, SECRETS } from "../slack/harness.js";
import { CALLBACK, postReceipt, receiptBody, receiptFields } from "../support/receipts.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

const ALICE = "447700900001";
const CAROL = "447700900033";
const YAN = "447700900005";
const CONTACTS = `people:
  alice: { phone: "${ALICE}" }
  bob: { phone: "447700900002" }
  carol: { phone: "${CAROL}" }
  yan: { phone: "${YAN}" }
groups:
  standby:
    members: [yan]
    escalate:
      - { after: 10m, to: [carol], on_failure: true }
  db-oncall:
    members: [alice, bob]
    escalate:
      - { after: 10s, to: [carol] }
`;

let slack: FakeSlack;
let simulator: Simulator;
let bot: LiveCli;
let port: number;

beforeAll(async () => {
  slack = await startFakeSlack();
  simulator = await startSimulator({ username: "ops.1", pin: SECRETS.pin });
  port = await freePort();
  const contacts = join(mkdtempSync(join(tmpdir(), "escalation-e2e-")), "contacts.yaml");
  writeFileSync(contacts, CONTACTS);
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
      CSOFT_REPLY_TO: "447700900999",
      CONTACTS_FILE: contacts,
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

const parents = () => slack.callsOf("chat.postMessage").filter((c) => !c.params.thread_ts);
const thread = (ts: unknown) =>
  slack
    .callsOf("chat.postMessage")
    .filter((c) => c.params.thread_ts === ts)
    .map((c) => String(c.params.text));
const sentTo = () => simulator.requests.map((r) => r.params.get("SendTo"));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("npm start -- --adapter slack, with an escalation policy", () => {
  it("pages carol after 10 s in the same thread, and not once alice acknowledges by SMS", async () => {
    const events = `http://127.0.0.1:${port}/slack/events`;
    expect((await postSigned(events, command("db-oncall disk full", "p1"))).status).toBe(200);
    await slack.until(() => parents().length === 1 && simulator.requests.length === 1, 20_000);
    const first = parents()[0]?.answer.ts;
    expect(sentTo()).toEqual([`${ALICE},447700900002`]);
    await slack.until(() => simulator.requests.length === 2, 20_000);
    expect(sentTo()[1]).toBe(CAROL);
    await slack.until(
      () => thread(first).some((t) => t.startsWith("ESCALATION step 1 of #1")),
      20_000,
    );
    expect(parents()).toHaveLength(1);

    expect((await postSigned(events, command("db-oncall disk full again", "p2"))).status).toBe(200);
    await slack.until(() => parents().length === 2 && simulator.requests.length === 3, 20_000);
    const second = parents()[1]?.answer.ts;
    // Alice answers the page she received.
    const inbound = await fetch(`http://127.0.0.1:${port}/csoft/inbound`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Username=${CALLBACK.username}&PIN=${CALLBACK.pin}&SendTo=447700900999&ReplyTo=${ALICE}&Message=ack&MessageIdentifier=E2E1`,
    });
    expect(inbound.status).toBe(200);
    await slack.until(
      () => thread(second).some((t) => t.startsWith("✅ alice acknowledged by SMS")),
      20_000,
    );
    expect(thread(second).find((t) => t.startsWith("✅"))).toContain(
      "1 escalation step cancelled.",
    );
    await sleep(11_000);
    expect(simulator.requests).toHaveLength(3);
    expect(thread(second).some((t) => t.startsWith("ESCALATION"))).toBe(false);
  }, 120_000);

  it("pages an on_failure step at once when a receipt says the page reached no handset", async () => {
    const events = `http://127.0.0.1:${port}/slack/events`;
    const before = simulator.requests.length;
    expect((await postSigned(events, command("standby db1 down", "p3"))).status).toBe(200);
    await slack.until(() => simulator.requests.length === before + 1, 20_000);
    const parent = parents().at(-1)?.answer.ts;
    await slack.until(() => thread(parent).some((t) => t.includes(" sent: ")), 20_000);
    // The report lists each number's message identifier in its blocks.
    const replies = slack.callsOf("chat.postMessage").filter((c) => c.params.thread_ts === parent);
    const [id] = JSON.stringify(replies).match(/30106C[0-9A-F]{2}/) ?? [];
    expect(id).toBeDefined();

    const receipt = receiptBody(receiptFields(id ?? "", YAN, 27));
    const answer = await postReceipt(`http://127.0.0.1:${port}/csoft/receipts`, receipt);
    expect(answer.status).toBe(200);
    // The step's time is 10 min away: only the receipt can bring carol's page this soon.
    await slack.until(() => simulator.requests.length === before + 2, 20_000);
    expect(sentTo().at(-1)).toBe(CAROL);
    await slack.until(() => thread(parent).some((t) => t.startsWith("ESCALATION step 1")), 20_000);
  }, 120_000);
});
