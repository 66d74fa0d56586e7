#!/usr/bin/env node
// Composition root: configuration → transport → pager → adapters, and an orderly shutdown.
// It is the one file in src/ allowed to import adapters (the boundary test names it).
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { runShell } from "../adapters/shell/shell.js";
import { type AdapterName, type Config, ConfigError, loadConfig } from "./config.js";
import type { Directory } from "./contacts/directory.js";
import { ContactsError } from "./contacts/load.js";
import { type LiveDirectory, watchDirectoryFile } from "./contacts/watch.js";
import { CsoftClient } from "./csoft/client.js";
import { type Simulator, startSimulator } from "./csoft/simulator.js";
import { createLogger, type Logger } from "./log.js";
import { createPager, type Pager } from "./page/pager.js";

interface Running {
  stop(): Promise<void>;
}

const ADAPTERS = ["shell", "slack", "discord"] as const;

function readArguments(): AdapterName | undefined {
  const { values } = parseArgs({ options: { adapter: { type: "string" } }, strict: true });
  const adapter = values.adapter;
  if (adapter === undefined) return undefined;
  if (!(ADAPTERS as readonly string[]).includes(adapter)) {
    throw new ConfigError([`--adapter must be one of ${ADAPTERS.join(", ")} (got "${adapter}")`]);
  }
  return adapter as AdapterName;
}

async function connectCsoft(config: Config, logger: Logger) {
  const { csoft } = config;
  const tuning = {
    concurrency: csoft.concurrency,
    connectTimeoutMs: csoft.connectTimeoutMs,
    responseTimeoutMs: csoft.responseTimeoutMs,
    coolDownMs: csoft.coolDownMs,
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
    credentials: { username: "demo", pin: "0000" },
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
    ...tuning,
  });
  return { client, simulator };
}

/** Chat SDKs are loaded only when their adapter runs: the terminal starts without them. */
async function startChat(
  name: "slack" | "discord",
  config: Config,
  pager: Pager,
  logger: Logger,
  contacts: () => Directory | undefined,
): Promise<Running> {
  if (name === "slack" && config.slack) {
    const { startSlack } = await import("../adapters/slack/index.js");
    return startSlack({ ...config.slack, pager, logger, contacts });
  }
  if (name === "discord" && config.discord) {
    const { startDiscord } = await import("../adapters/discord/index.js");
    return startDiscord({ ...config.discord, pager, logger, contacts });
  }
  throw new ConfigError([`${name} is not configured`]);
}

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env, readArguments());
  const logger = createLogger({ level: config.logLevel });
  const { client, simulator } = await connectCsoft(config, logger);
  announceSimulator(config, simulator, logger);
  const contacts = await openContacts(config, logger);
  const directory = () => contacts?.current();
  const pager = createPager({ transport: client, logger, directory });

  const running: Running[] = [];
  let stopping = false;
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "shutting down");
    await Promise.allSettled(running.map((adapter) => adapter.stop()));
    contacts?.close();
    await client.close();
    await simulator?.close();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }

  for (const name of config.adapters) {
    if (name === "shell") continue;
    running.push(await startChat(name, config, pager, logger, directory));
    logger.info({ adapter: name }, "adapter started");
  }
  if (config.adapters.includes("shell")) {
    await runShell({
      pager,
      input: process.stdin,
      output: process.stdout,
      interactive: process.stdin.isTTY === true,
    });
    await shutdown("end of input");
  }
}

const DEFAULT_CONTACTS_FILE = "contacts.yaml";

function openContacts(config: Config, logger: Logger): Promise<LiveDirectory | undefined> {
  const file =
    config.contactsFile ?? (existsSync(DEFAULT_CONTACTS_FILE) ? DEFAULT_CONTACTS_FILE : undefined);
  return file === undefined ? Promise.resolve(undefined) : watchDirectoryFile(file, logger);
}

function announceSimulator(config: Config, simulator: Simulator | undefined, logger: Logger): void {
  if (!simulator) return;
  const line = `Demo mode: using the embedded csoft simulator at ${simulator.url}; no real SMS is sent.`;
  if (config.adapters.includes("shell")) process.stdout.write(`${line}\n`);
  else
    logger.warn({ url: simulator.url }, "using the embedded csoft simulator; no real SMS is sent");
}

main().catch((error: unknown) => {
  const hint =
    error instanceof ConfigError
      ? "\nSee .env.example for every variable."
      : error instanceof ContactsError
        ? "\nSee contacts.example.yaml for the format."
        : "";
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof ConfigError || error instanceof ContactsError;
  process.stderr.write(`${known ? "" : "csoft-chatops could not start: "}${message}${hint}\n`);
  process.exit(1);
});
