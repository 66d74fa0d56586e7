// Escalation steps are durable rows: two bot processes on one store fire a step once between
// them, and a step that falls due while no bot runs fires when one starts again.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { postSigned, SECRETS } from "../slack/harness.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

const CAROL = "447700900033";
const CONTACTS = `people:
  alice: { phone: "447700900001" }
  carol: { phone: "${CAROL}" }
groups:
  db-oncall:
    members: [alice]
    escalate:
      - { after: 10s, to: [carol] }
`;

let slack: FakeSlack;
let simulator: Simulator;
let dataDir: string;
let contacts: string;
const bots: LiveCli[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  simulator = await startSimulator({ username: "ops.1", pin: SECRETS.pin });
  const folder = mkdtempSync(join(tmpdir(), "escalation-replicas-"));
  dataDir = join(folder, "data");
  contacts = join(folder, "contacts.yaml");
  writeFileSync(contacts, CONTACTS);
});

afterAll(async () => {
  await Promise.all(bots.map((bot) => bot.stop()));
  await simulator.close();
  await slack.close();
});

/** A bot on the shared data folder, over HTTP on a port of its own. */
async function startBot(): Promise<string> {
  const port = await freePort();
  const bot = spawnCli(
    {
      SLACK_BOT_TOKEN: SECRETS.botToken,
      SLACK_SIGNING_SECRET: SECRETS.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      PORT: String(port),
      DATA_DIR: dataDir,
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: SECRETS.pin,
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
      CONTACTS_FILE: contacts,
    },
    ["--adapter", "slack"],
  );
  bots.push(bot);
  await bot.waitForLog(/Slack listening over HTTP/);
  return `http://127.0.0.1:${port}/slack/events`;
}

const command = (text: string, id: string) => ({
  command: "/sms",
  text,
  user_id: "UCALLER1",
  user_name: "caller",
  channel_id: "C0PAGES",
  team_id: "T0001",
  response_url: slack.responseUrl(id),
  trigger_id: `1337.43.${id}`,
});

const sentTo = () => simulator.requests.map((r) => r.params.get("SendTo"));
const escalations = () =>
  slack
    .callsOf("chat.postMessage")
    .filter((c) => c.params.thread_ts && String(c.params.text).startsWith("ESCALATION"));

describe("escalation steps across processes", () => {
  it("fires a step once when two processes share the store", async () => {
    const [first] = await Promise.all([startBot(), startBot()]);
    expect((await postSigned(first ?? "", command("db-oncall disk full", "r1"))).status).toBe(200);
    await slack.until(() => sentTo().length === 2, 30_000);
    expect(sentTo()).toEqual(["447700900001", CAROL]);
    await slack.until(() => escalations().length === 1, 20_000);
    // Both engines poll the same rows; a second firing would come within their poll.
    await new Promise((resolve) => setTimeout(resolve, 16_000));
    expect(sentTo()).toHaveLength(2);
    expect(escalations()).toHaveLength(1);
  }, 120_000);

  it("fires at start a step that fell due while no process ran", async () => {
    const events = await startBot();
    const before = sentTo().length;
    expect((await postSigned(events, command("db-oncall db2 down", "r2"))).status).toBe(200);
    await slack.until(() => sentTo().length === before + 1, 30_000);
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
    // The step falls due while nothing runs.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(sentTo()).toHaveLength(before + 1);
    await startBot();
    await slack.until(() => sentTo().length === before + 2, 30_000);
    expect(sentTo().at(-1)).toBe(CAROL);
    await slack.until(() => escalations().length === 2, 20_000);
  }, 120_000);
});
