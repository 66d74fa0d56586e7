// Several real bot processes (`npm start` as run-cli.ts spawns it) on one PostgreSQL schema, each
// taking Slack over HTTP on its own port (or holding a Socket Mode connection to a fake Slack end),
// with the fake Slack and the csoft simulator on loopback.
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import type { FakeSocket } from "../slack/fake-socket.js";
import { postSigned, SECRETS } from "../slack/harness.js";
import { TEST_DATABASE_URL } from "./postgres.js";
import { freePort, type LiveCli, spawnCli } from "./run-cli.js";

export const REPLICA_ACCOUNT = { username: "ops.replicas", pin: SECRETS.pin } as const;

export interface ReplicasOptions {
  /** The PostgreSQL schema every replica shares. */
  schema: string;
  /** Default 3. */
  count?: number;
  /** More environment for every replica (SMS_RATE_LIMIT, REPLICA_LEASE_MS…). */
  env?: Record<string, string>;
  /** Delay before the simulator answers each request. */
  csoftLatencyMs?: number;
  /** Socket Mode: each replica connects to this Slack end instead of listening over HTTP. */
  socket?: FakeSocket;
}

export interface Replica {
  cli: LiveCli;
  port: number;
  /** Where Slack posts events and commands to this replica (over HTTP, not in Socket Mode). */
  eventsUrl: string;
}

export interface Replicas {
  slack: FakeSlack;
  simulator: Simulator;
  replicas: Replica[];
  /** The form fields of a /sms as Slack sends them; `id` names its response_url and trigger_id. */
  slashCommand(
    text: string,
    id: string,
    overrides?: Record<string, string>,
  ): Record<string, string>;
  /** POSTs signed form fields to replica `index`; resolves with the HTTP status. */
  post(index: number, fields: Record<string, string>): Promise<number>;
  /**
   * Clicks a button (`sms_confirm`, `sms_cancel`) whose value is `value`, as Slack posts the
   * click to replica `index`; the answer goes to the response_url named `responseId`.
   */
  click(index: number, actionId: string, value: string, responseId: string): Promise<number>;
  /** Every replica's log so far, for a failure message. */
  logs(): string;
  /** Stops every replica still running (SIGTERM), then the simulator and the fake Slack. */
  close(): Promise<void>;
}

/** A database URL whose connections all use `schema`, as a replica's DATABASE_URL. */
export function databaseUrlIn(schema: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return url.toString();
}

/** Starts the replicas at the same moment (migrations race, as in a real roll-out) and waits for each to listen. */
export async function startReplicas(options: ReplicasOptions): Promise<Replicas> {
  const slack = await startFakeSlack();
  const simulator = await startSimulator({
    ...REPLICA_ACCOUNT,
    latencyMs: options.csoftLatencyMs ?? 0,
  });
  const ports = await distinctFreePorts(options.count ?? 3);
  if (options.socket) slack.setSocketUrl(options.socket.url);
  const transport = options.socket
    ? { SLACK_APP_TOKEN: SECRETS.appToken }
    : { SLACK_SIGNING_SECRET: SECRETS.signingSecret };
  const ready = options.socket ? /Slack connected in Socket Mode/ : /Slack listening over HTTP/;
  const replicas = ports.map((port) => {
    const cli = spawnCli(
      {
        SLACK_BOT_TOKEN: SECRETS.botToken,
        ...transport,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        CSOFT_USERNAME: REPLICA_ACCOUNT.username,
        CSOFT_PIN: REPLICA_ACCOUNT.pin,
        CSOFT_PRIMARY_URL: simulator.url,
        CSOFT_SECONDARY_URL: simulator.url,
        DATABASE_URL: databaseUrlIn(options.schema),
        LOG_LEVEL: "debug",
        ...options.env,
      },
      ["--adapter", "slack"],
    );
    return { cli, port, eventsUrl: `http://127.0.0.1:${port}/slack/events` };
  });
  const logs = () =>
    replicas.map((replica, i) => `--- replica ${i + 1}\n${replica.cli.stderr()}`).join("\n");
  const close = async () => {
    await Promise.all(replicas.map((replica) => replica.cli.stop("SIGTERM")));
    await simulator.close();
    await slack.close();
  };
  try {
    // Three programs compiling and starting at once on a loaded machine: give them time.
    await Promise.all(replicas.map((replica) => replica.cli.waitForLog(ready, 90_000)));
  } catch (error) {
    await close();
    throw error;
  }
  const post = async (index: number, fields: Record<string, string>) => {
    const replica = replicas[index];
    if (replica === undefined) throw new Error(`there is no replica ${index}`);
    const response = await postSigned(replica.eventsUrl, fields);
    await response.text();
    return response.status;
  };
  return {
    slack,
    simulator,
    replicas,
    slashCommand: (text, id, overrides = {}) => ({
      token: SECRETS.verificationToken,
      team_id: "T0001",
      team_domain: "example",
      channel_id: "C0PAGES",
      channel_name: "pages",
      user_id: "UCALLER1",
      user_name: "caller",
      command: "/sms",
      text,
      api_app_id: "A0001",
      is_enterprise_install: "false",
      response_url: slack.responseUrl(id),
      trigger_id: `1337.42.${id}`,
      ...overrides,
    }),
    post,
    click(index, actionId, value, responseId) {
      const payload = JSON.stringify(buttonClick(actionId, value, slack.responseUrl(responseId)));
      return post(index, { payload });
    },
    logs,
    close,
  };
}

/** The block_actions payload of a click by the caller on one of the bot's buttons, as Slack sends it. */
function buttonClick(actionId: string, value: string, responseUrl: string) {
  return {
    type: "block_actions",
    token: SECRETS.verificationToken,
    team: { id: "T0001", domain: "example" },
    user: { id: "UCALLER1", name: "caller", team_id: "T0001" },
    api_app_id: "A0001",
    container: { type: "message", message_ts: "1.2", channel_id: "C0PAGES", is_ephemeral: true },
    trigger_id: `click.${actionId}.${responseUrl}`,
    channel: { id: "C0PAGES", name: "pages" },
    response_url: responseUrl,
    actions: [
      {
        type: "button",
        action_id: actionId,
        block_id: "b",
        value,
        text: { type: "plain_text", text: "x" },
        action_ts: "1.3",
      },
    ],
  };
}

/** Ports free now and distinct from one another, one per replica. */
async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
