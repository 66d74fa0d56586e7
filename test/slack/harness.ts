// The whole bot on loopback: the real Bolt App from startSlack, the real pager and CsoftClient,
// the csoft simulator, and a fake Slack. Every log line is captured at trace level.
import { createHmac } from "node:crypto";
import { type RunningSlack, type SlackContacts, startSlack } from "../../adapters/slack/index.js";
import type { Directory } from "../../src/contacts/directory.js";
import type { Simulator } from "../../src/csoft/simulator.js";
import { createLogger } from "../../src/log.js";
import { createPager, type Pager, type PagerDeps } from "../../src/page/pager.js";
import { startLocalCsoft } from "../support/csoft.js";
import { type LossyCsoft, startLossyCsoft } from "../support/lossy-csoft.js";
import { memoryStore } from "../support/store.js";
import { type FakeSlack, startFakeSlack } from "./fake-slack.js";
import { type FakeSocket, startFakeSocket } from "./fake-socket.js";

/** Secrets that must never show in a Slack message or a log line. */
export const SECRETS = {
  botToken: "xoxb-1111-2222-botTokenSecretValue",
  appToken: "xapp-1-A0001-3333-appTokenSecretValue",
  signingSecret: "5ign1ngS3cretValue0123456789abcdef",
  verificationToken: "legacyVerifyTokenValue",
  pin: "918273",
} as const;

export const CHANNEL = "C0PAGES";
export const CALLER = "UCALLER1";

export interface Harness {
  slack: FakeSlack;
  simulator: Simulator;
  bot: RunningSlack;
  /** The pager the bot runs commands with. */
  pager: Pager;
  socket: FakeSocket | undefined;
  logLines: string[];
  /** Stops the bot once every acknowledged command has finished: then all is posted. */
  finish(): Promise<void>;
  /** The form fields of a /sms as Slack sends them; `id` names its response_url. */
  slashCommand(
    text: string,
    id: string,
    overrides?: Record<string, string>,
  ): Record<string, string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Delay before csoft answers each request. */
  csoftLatencyMs?: number;
  contacts?: SlackContacts;
  /** A contacts directory for the core (names, groups) and for mentions alike. */
  directory?: Directory;
  /** Socket Mode: the fake server does not answer the bot's pings. */
  silentSocket?: boolean;
  /** Loses csoft's answer to the requests it picks (a loopback relay drops the connection). */
  losesAnswer?: LossyCsoft["losesAnswer"];
  /** More settings of the pager (a bound on work in flight). */
  pager?: Partial<PagerDeps>;
}

export async function startHarness(
  mode: "http" | "socket",
  options: HarnessOptions = {},
): Promise<Harness> {
  const logLines: string[] = [];
  const logger = createLogger({
    level: "trace",
    destination: { write: (line: string) => void logLines.push(line) },
  });
  const slack = await startFakeSlack();
  const account = { username: "ops", pin: SECRETS.pin };
  const { losesAnswer } = options;
  const csoft = losesAnswer
    ? await startLossyCsoft({ account, logger, losesAnswer })
    : await startLocalCsoft({ account, latencyMs: options.csoftLatencyMs ?? 0, logger });
  const socket =
    mode === "socket"
      ? await startFakeSocket({ answerPings: options.silentSocket !== true })
      : undefined;
  if (socket) slack.setSocketUrl(socket.url);
  const { directory } = options;
  const contacts = options.contacts ?? (directory && (() => directory));
  const pager = createPager({
    store: memoryStore(),
    transport: csoft.client,
    logger,
    ...(directory && { directory: () => directory }),
    ...options.pager,
  });
  const bot = await startSlack({
    botToken: SECRETS.botToken,
    ...(mode === "socket"
      ? // Quick retries and heartbeats, so losing a connection is seen and mended within a test.
        { appToken: SECRETS.appToken, socket: { retryDelayMs: () => 20, heartbeatMs: 100 } }
      : { signingSecret: SECRETS.signingSecret, port: 0 }),
    apiUrl: slack.apiUrl,
    pager,
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
    ...(contacts && { contacts }),
  });
  return {
    slack,
    simulator: csoft.simulator,
    bot,
    pager,
    socket,
    logLines,
    finish: () => bot.stop(),
    slashCommand: (text, id, overrides = {}) => ({
      token: SECRETS.verificationToken,
      team_id: "T0001",
      team_domain: "example",
      channel_id: CHANNEL,
      channel_name: "pages",
      user_id: CALLER,
      user_name: "caller",
      command: "/sms",
      text,
      api_app_id: "A0001",
      is_enterprise_install: "false",
      response_url: slack.responseUrl(id),
      // Slack gives every command its own; a retry repeats it.
      trigger_id: `1337.42.${id}`,
      ...overrides,
    }),
    async close() {
      await bot.stop();
      await csoft.close();
      await socket?.close();
      await slack.close();
    },
  };
}

export function sign(body: string, timestamp: number, secret: string = SECRETS.signingSecret) {
  const digest = createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex");
  return `v0=${digest}`;
}

export interface PostResult {
  status: number;
  body: string;
  /** From sending the request to the end of Bolt's answer. */
  elapsedMs: number;
}

/** POSTs form fields to a Bolt HTTP endpoint as Slack does, signed unless told otherwise. */
export function postSigned(
  url: string,
  fields: Record<string, string>,
  options: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const body = new URLSearchParams(fields).toString();
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return fetch(url, {
    method: "POST",
    headers: {
      // Bolt parses a form only under exactly this content type.
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": options.signature ?? sign(body, timestamp),
      ...options.headers,
    },
    body,
  });
}

/** POSTs a slash command to the bot as Slack does, signed unless told otherwise. */
export async function postCommand(
  harness: Harness,
  fields: Record<string, string>,
  options: { timestamp?: number; signature?: string } = {},
): Promise<PostResult> {
  const started = performance.now();
  const response = await postSigned(
    `http://127.0.0.1:${harness.bot.port}/slack/events`,
    fields,
    options,
  );
  const text = await response.text();
  return { status: response.status, body: text, elapsedMs: performance.now() - started };
}

/** Everything the bot said in Slack (messages and private answers), as one JSON text. */
export function everythingPosted(harness: Harness): string {
  return JSON.stringify([
    harness.slack.callsOf("chat.postMessage").map((call) => call.params),
    harness.slack.responses,
  ]);
}

/** POSTs form fields to the bot over HTTP, signed, with any extra headers Slack adds. */
export async function postToBot(
  harness: Harness,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<number> {
  const url = `http://127.0.0.1:${harness.bot.port}/slack/events`;
  const response = await postSigned(url, fields, { headers });
  await response.text();
  return response.status;
}

export type ClickAction = "sms_confirm" | "sms_cancel" | "sms_resend" | "sms_acknowledge";

/** The block_actions payload of a click on a confirmation button, as Slack sends it. */
export function clickPayload(
  harness: Harness,
  actionId: ClickAction,
  value: string,
  userId: string = CALLER,
) {
  return {
    type: "block_actions",
    token: SECRETS.verificationToken,
    team: { id: "T0001", domain: "example" },
    user: { id: userId, name: "someone", team_id: "T0001" },
    api_app_id: "A0001",
    container: { type: "message", message_ts: "1.2", channel_id: CHANNEL, is_ephemeral: true },
    trigger_id: `click.${actionId}.${userId}.${value}`,
    channel: { id: CHANNEL, name: "pages" },
    response_url: harness.slack.responseUrl(`click-${userId}-${actionId}`),
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

/** Clicks a button of the question over HTTP. */
export function click(
  harness: Harness,
  actionId: ClickAction,
  value: string,
  userId: string = CALLER,
): Promise<number> {
  const payload = JSON.stringify(clickPayload(harness, actionId, value, userId));
  return postToBot(harness, { payload });
}

/** Waits for the confirmation question (private, with buttons) and returns the id they carry. */
export async function questionId(harness: Harness): Promise<string> {
  await harness.slack.until(() => harness.slack.responses.some((r) => r.body.blocks));
  const question = harness.slack.responses.find((r) => r.body.blocks);
  const blocks = question?.body.blocks as { elements?: { value: string }[] }[];
  return blocks[1]?.elements?.[0]?.value ?? "";
}
