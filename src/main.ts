#!/usr/bin/env node
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { runShell } from "../adapters/shell/shell.js";
import { terminalUser } from "../adapters/shell/user.js";
import { ArgumentError, EXIT_STATUS, packageVersion, readArguments, USAGE } from "./cli.js";
import { systemClock } from "./clock.js";
import { type AdapterName, type Config, ConfigError, loadConfig } from "./config.js";
import type { Directory } from "./contacts/directory.js";
import { ContactsError } from "./contacts/load.js";
import { type LiveDirectory, watchDirectoryFile } from "./contacts/watch.js";
import { CsoftAccount } from "./csoft/account.js";
import { CsoftClient } from "./csoft/client.js";
import { DEMO_ACCOUNT, type Simulator, startSimulator } from "./csoft/simulator.js";
// Composition root: configuration → transport → pager → adapters, and an orderly shutdown.
// It is the one file in src/ allowed to import adapters (the boundary test names it).
import { ChatopsError } from "./errors.js";
import { createReadiness, dataDirWritable, type HealthRoute, serveHealth } from "./health/index.js";
import { createLogger, type Logger } from "./log.js";
import { createMetrics } from "./metrics/index.js";
import { createPager, type Pager } from "./page/pager.js";
import { openSharedStore } from "./store/replica.js";

interface Running {
  stop(): Promise<void>;
  /** For /readyz: Slack while connected, Discord while its gateway session is ready. */
  ready(): boolean;
}

async function connectCsoft(config: Config, logger: Logger) {
  const { csoft } = config;
  const tuning = {
    concurrency: csoft.concurrency,
    connectTimeoutMs: csoft.connectTimeoutMs,
    responseTimeoutMs: csoft.responseTimeoutMs,
    coolDownMs: csoft.coolDownMs,
    hedgeDelayMs: csoft.hedgeDelayMs,
    logger,
  };
  if (csoft.mode === "live") {
    const client = new CsoftClient({
      credentials: { username: csoft.username, pin: csoft.pin },
      primaryUrl: csoft.primaryUrl,
      secondaryUrl: csoft.secondaryUrl,
      ...tuning,
    });
    return { client, simulator: undefined };
  }
  const simulator = await startSimulator();
  const client = new CsoftClient({
    credentials: DEMO_ACCOUNT,
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
    ...tuning,
  });
  return { client, simulator };
}

/** csoft's account query (`/sms credit`): the servers, account and time-outs sending uses. */
function openAccount(config: Config, simulator: Simulator | undefined, logger: Logger) {
  const { csoft } = config;
  const timeouts = {
    connectTimeoutMs: csoft.connectTimeoutMs,
    responseTimeoutMs: csoft.responseTimeoutMs,
    logger,
  };
  if (csoft.mode === "live") {
    const { username, pin, primaryUrl, secondaryUrl } = csoft;
    return new CsoftAccount({
      credentials: { username, pin },
      primaryUrl,
      secondaryUrl,
      ...timeouts,
    });
  }
  if (!simulator) {
    throw new ChatopsError("INTERNAL", "the simulator mode runs without a simulator");
  }
  const { url } = simulator;
  return new CsoftAccount({
    credentials: DEMO_ACCOUNT,
    primaryUrl: url,
    secondaryUrl: url,
    ...timeouts,
  });
}

/** Chat SDKs are loaded only when their adapter runs: the terminal starts without them. */
async function startChat(
  name: "slack" | "discord",
  config: Config,
  pager: Pager,
  logger: Logger,
  contacts: () => Directory | undefined,
  healthRoutes: HealthRoute[] | undefined,
): Promise<Running> {
  if (name === "slack" && config.slack) {
    const { startSlack } = await import("../adapters/slack/index.js");
    const customRoutes = healthRoutes && { customRoutes: healthRoutes };
    const userGroups = config.paging.policy.slack.groups;
    const slack = await startSlack({
      ...config.slack,
      pager,
      logger,
      contacts,
      userGroups,
      ...customRoutes,
    });
    return { stop: slack.stop, ready: slack.connected };
  }
  if (name === "discord" && config.discord) {
    const { startDiscord } = await import("../adapters/discord/index.js");
    const discord = await startDiscord({ ...config.discord, pager, logger, contacts });
    return { stop: discord.stop, ready: () => discord.client.isReady() };
  }
  throw new ConfigError([`${name} is not configured`]);
}

/** --help and --version answer without reading the environment. */
async function start(): Promise<number> {
  const invocation = readArguments(process.argv.slice(2));
  if (invocation.kind === "run") return main(invocation.adapter);
  process.stdout.write(invocation.kind === "help" ? USAGE : `${packageVersion()}\n`);
  return EXIT_STATUS.done;
}

/** Runs until the terminal's input ends (its exit status) or, for chats, until a signal. */
async function main(forcedAdapter: AdapterName | undefined): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env, forcedAdapter);
  const logger = createLogger({ level: config.logLevel });
  // A library promise rejecting where nobody awaits it is a bug to log, not a reason to stop paging.
  process.on("unhandledRejection", (error) => {
    logger.error({ err: error }, "unhandled promise rejection; still running");
  });
  const { client, simulator } = await connectCsoft(config, logger);
  announceSimulator(config, simulator, logger);
  const account = openAccount(config, simulator, logger);
  const contacts = await openContacts(config, logger);
  const directory = () => contacts?.current();
  const { store, replica } = await openStore(config, logger);
  const { policy, rateLimit, confirmAbove, shutdownGraceMs, maxInFlight } = config.paging;
  const metrics = createMetrics();
  const pager = createPager({
    onPageDone: metrics.observePage,
    transport: client,
    credit: account,
    logger,
    directory,
    store,
    policy,
    confirmAbove,
    maxInFlight,
    ...(rateLimit && { rateLimit }),
  });

  const running: Running[] = [];
  let stopping = false;
  const readiness = createReadiness([
    replica
      ? { name: "database", check: replica.holdsLease }
      : dataDirWritable(config.paging.dataDir),
    { name: "accepting_commands", check: () => !stopping },
  ]);
  // The terminal has no port; a chat bot serves /healthz, /readyz and /metrics on PORT.
  const health = config.adapters.includes("shell")
    ? undefined
    : await serveHealth({
        port: config.port,
        portTakenBySlack: slackListensOnPort(config),
        readiness,
        metrics,
        logger,
      });
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "shutting down");
    // Stop taking commands; pages being sent get the grace period, then count as interrupted.
    const deadline = delay(shutdownGraceMs);
    const stopped = Promise.allSettled(running.map((adapter) => adapter.stop()));
    await pager.shutdown(shutdownGraceMs);
    await Promise.race([stopped, deadline]);
    await health?.close();
    contacts?.close();
    // A request still hanging must not hold the exit: its page is recorded as interrupted.
    await Promise.race([
      Promise.allSettled([client.close(), account.close(), simulator?.close()]),
      deadline,
    ]);
    replica?.stop();
    await store.close();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }

  for (const name of config.adapters) {
    if (name === "shell") continue;
    const adapter = await startChat(name, config, pager, logger, directory, health?.slackRoutes);
    running.push(adapter);
    readiness.add({ name, check: adapter.ready });
    logger.info({ adapter: name }, "adapter started");
  }
  if (config.adapters.includes("shell")) {
    const outcome = await runShell({
      pager,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
      user: terminalUser(userInfo, process.env, process.getuid?.()),
    });
    await shutdown("end of input");
    return EXIT_STATUS[outcome];
  }
  return EXIT_STATUS.done;
}

async function openStore(config: Config, logger: Logger) {
  const { store, replica } = await openSharedStore(config.paging, systemClock, logger);
  // Whatever was being sent when the last run died: its fate is unknown, and it is not resent.
  // On PostgreSQL other replicas are sending: a lease that runs out tells whose pages to mark.
  const interrupted = replica === undefined ? await store.markInterrupted(Date.now()) : 0;
  await store.forgetRequestsBefore(Date.now() - REQUEST_KEY_RETENTION_MS);
  if (interrupted > 0) {
    logger.warn({ pages: interrupted }, "pages cut off by the last run marked interrupted");
  }
  return { store, replica };
}

const DEFAULT_CONTACTS_FILE = "contacts.yaml";
/** Slack retries within minutes and Discord interactions live 15 minutes: a week is ample. */
const REQUEST_KEY_RETENTION_MS = 7 * 24 * 3_600_000;

/** Slack over HTTP (no app token) owns PORT, so health and metrics ride on its receiver. */
function slackListensOnPort(config: Config): boolean {
  return config.adapters.includes("slack") && config.slack !== undefined && !config.slack.appToken;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => systemClock.setTimer(resolve, ms));
}

function openContacts(config: Config, logger: Logger): Promise<LiveDirectory | undefined> {
  const file =
    config.contactsFile ?? (existsSync(DEFAULT_CONTACTS_FILE) ? DEFAULT_CONTACTS_FILE : undefined);
  return file === undefined ? Promise.resolve(undefined) : watchDirectoryFile(file, logger);
}

function announceSimulator(config: Config, simulator: Simulator | undefined, logger: Logger): void {
  if (!simulator) return;
  const why = config.demo ? "Demo mode" : "CSOFT_SIMULATOR=true";
  const line = `${why}: using the embedded csoft simulator at ${simulator.url}; no real SMS is sent.`;
  if (config.adapters.includes("shell")) process.stdout.write(`${line}\n`);
  else
    logger.warn({ url: simulator.url }, "using the embedded csoft simulator; no real SMS is sent");
}

/** A mistake in how the program was started, and where to look for the right way. */
function usageHint(error: unknown): string | undefined {
  if (error instanceof ArgumentError) return "Run csoft-chatops --help for the options.";
  if (error instanceof ConfigError) return "See .env.example for every variable.";
  if (error instanceof ContactsError) return "See contacts.example.yaml for the format.";
  return undefined;
}

start().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const hint = usageHint(error);
    if (hint !== undefined) {
      process.stderr.write(`${message}\n${hint}\n`);
      process.exit(EXIT_STATUS.invalid);
    }
    process.stderr.write(`csoft-chatops could not start: ${message}\n`);
    process.exit(EXIT_STATUS.failed);
  },
);
