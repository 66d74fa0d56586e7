// A Bolt App for the bot: Socket Mode when an app token is given, else HTTP with signed requests.

import type { AddressInfo } from "node:net";
import { App, type CustomRoute, HTTPReceiver, webApi } from "@slack/bolt";
import type { DeliveryEditor, Logger, Pager } from "../../src/kit.js";
import { ChatopsError, DEFAULT_PORT } from "../../src/kit.js";
import { boltLogger, boltLogLevel } from "./bolt-logger.js";
import { registerSmsCommand } from "./command.js";
import { slackDeliveryEditor } from "./delivery.js";
import { guardRequests } from "./request-guard.js";
import type { SlackContacts } from "./resolve.js";
import { SocketReceiver, type SocketReceiverOptions } from "./socket-receiver.js";

const EVENTS_PATH = "/slack/events";

export interface SlackOptions {
  /** xoxb-… */
  botToken: string;
  /** xapp-…: Socket Mode. */
  appToken?: string;
  /** HTTP mode: verifies every request's X-Slack-Signature. */
  signingSecret?: string;
  /** Web API base URL, e.g. a proxy (`https://slack.com/api/` by default). */
  apiUrl?: string;
  /** HTTP mode's port; events arrive at /slack/events. */
  port?: number;
  pager: Pager;
  logger: Logger;
  /** People listed with their Slack ID are paged at the directory's number, not their profile's. */
  contacts?: SlackContacts;
  /** Passed to every Web API client as given (retries, timeouts, an agent). */
  clientOptions?: webApi.WebClientOptions;
  /** User groups that permissions name (SLACK_ALLOW_USERGROUPS). */
  userGroups?: readonly string[];
  /** HTTP mode: more routes on the same port (health and metrics); ignored in Socket Mode. */
  customRoutes?: CustomRoute[];
  /** Socket Mode tuning: reconnection back-off and heartbeat (tests shorten them). */
  socket?: Pick<SocketReceiverOptions, "retryDelayMs" | "heartbeatMs">;
}

export interface RunningSlack {
  app: App;
  /** The port HTTP mode listens on (useful with port 0); undefined in Socket Mode. */
  port: number | undefined;
  /** Stops receiving, then waits for the commands already acknowledged to finish. Idempotent. */
  stop(): Promise<void>;
  /** For /readyz: a Socket Mode connection is live, or the HTTP listener is up. */
  connected(): boolean;
  /** Edits this workspace's page reports as delivery receipts come. */
  deliveryEditor: DeliveryEditor;
}

/** A Bolt App, and how to close its connection and wait until it is closed. */
export interface SlackApp {
  app: App;
  close(): Promise<void>;
  /** Whether Slack can reach the app now: a live socket, or HTTP not yet stopped. */
  connected(): boolean;
}

export function createSlackApp(
  options: Omit<SlackOptions, "pager" | "contacts" | "userGroups">,
): SlackApp {
  const { botToken, appToken, signingSecret, apiUrl } = options;
  const given: webApi.WebClientOptions = {
    ...(apiUrl !== undefined && { slackApiUrl: apiUrl }),
    ...options.clientOptions,
  };
  const clientOptions: webApi.WebClientOptions = {
    // A page waits on its parent message: a few minutes of retries, not the SDK's thirty.
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    ...given,
  };
  const logger = boltLogger(options.logger, [botToken, appToken, signingSecret]);
  const logLevel = boltLogLevel(options.logger);
  const common = {
    token: botToken,
    // init() then checks the token with auth.test and fails start-up on a bad one, instead of
    // leaving that check to reject later where nobody awaits it.
    deferInitialization: true,
    logger,
    logLevel,
    clientOptions,
  };
  if (appToken !== undefined) {
    const receiver = new SocketReceiver({
      appToken,
      logger: options.logger,
      // Without our retry policy: a lost connection is retried by the receiver itself.
      clientOptions: { ...given, logger, logLevel },
      ...options.socket,
    });
    const app = new App({ ...common, receiver });
    const close = async () => {
      await app.stop();
    };
    return { app, close, connected: () => receiver.connected() };
  }
  if (signingSecret !== undefined) {
    const { customRoutes } = options;
    const receiver = new HTTPReceiver({
      signingSecret,
      endpoints: EVENTS_PATH,
      logger,
      logLevel,
      ...(customRoutes && { customRoutes }),
    });
    guardRequests(receiver, { signingSecret, endpoint: EVENTS_PATH, logger: options.logger });
    const app = new App({ ...common, receiver });
    let listening = true;
    const close = async () => {
      listening = false;
      await app.stop();
    };
    return { app, close, connected: () => listening };
  }
  throw new ChatopsError(
    "CONFIG",
    "Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP) besides the bot token",
  );
}

export async function startSlack(options: SlackOptions): Promise<RunningSlack> {
  const { pager, logger } = options;
  const { app, close, connected } = createSlackApp(options);
  await app.init();
  const commands = registerSmsCommand(app, {
    pager,
    logger,
    ...(options.contacts && { contacts: options.contacts }),
    ...(options.userGroups && { userGroups: options.userGroups }),
  });
  let port: number | undefined;
  if (options.appToken !== undefined) {
    await app.start();
    logger.info("Slack connected in Socket Mode");
  } else {
    const server = await app.start(options.port ?? DEFAULT_PORT);
    port = (server.address() as AddressInfo).port;
    logger.info({ port, path: EVENTS_PATH }, "Slack listening over HTTP");
  }
  let stopped: Promise<void> | undefined;
  const stop = async () => {
    await close();
    await commands.drain();
  };
  return {
    app,
    port,
    connected,
    deliveryEditor: slackDeliveryEditor(app.client),
    stop: () => {
      stopped ??= stop();
      return stopped;
    },
  };
}
