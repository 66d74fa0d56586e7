// Composition root: configuration → csoft → store and contacts → pager → adapters; signals; an
// orderly shutdown. Every platform is reached through its descriptor (app/adapters.ts).

import { existsSync } from "node:fs";
import type { PagingConfig } from "../src/access/settings.js";
import type { AdapterCore, AdapterDeps, RunningAdapter, TerminalIo } from "../src/adapter.js";
import { type CallbackHandler, callbackRoutes } from "../src/callbacks/index.js";
import { systemClock } from "../src/clock.js";
import { type LiveDirectory, watchDirectoryFile } from "../src/contacts/watch.js";
import type { InboundReply } from "../src/csoft/inbound.js";
import { DEFAULT_CONTACTS_POLL_MS } from "../src/defaults.js";
import {
  createDeliveries,
  createThreadPoster,
  type Deliveries,
  type ThreadPoster,
} from "../src/delivery/index.js";
import {
  createReadiness,
  dataDirWritable,
  type HealthServing,
  serveHealth,
} from "../src/health/index.js";
import { createLogger, type Logger } from "../src/log.js";
import { createMetrics, type Metrics, observedCredit } from "../src/metrics/index.js";
import type { CommandOutcome } from "../src/page/outcome.js";
import { createPager, type Pager } from "../src/page/pager.js";
import { interruptedNote } from "../src/report/history.js";
import { openSharedStore, type PageRow, type Store } from "../src/store/index.js";
import { storeInboundReply } from "../src/twoway/index.js";
import { contactIdFields } from "./adapters.js";
import { atTerminal, type Config } from "./config.js";
import { connectCsoft, simulatorOptions } from "./csoft.js";

const DEFAULT_CONTACTS_FILE = "contacts.yaml";
/** Slack retries within minutes and Discord interactions live 15 minutes: a week is ample. */
const REQUEST_KEY_RETENTION_MS = 7 * 24 * 3_600_000;

/** Runs until the terminal's input ends (its outcome) or, for chats, until a signal. */
export async function run(config: Config, terminal: TerminalIo): Promise<CommandOutcome> {
  const logger = createLogger({ level: config.logLevel });
  // A library promise rejecting where nobody awaits it is a bug to log, not a reason to stop paging.
  process.on("unhandledRejection", (error) => {
    logger.error({ err: error }, "unhandled promise rejection; still running");
  });
  const csoft = await connectCsoft(config.csoft, logger, simulatorOptions(config));
  announceSimulator(config, csoft.simulator?.url, terminal, logger);
  const contacts = await openContacts(config, logger);
  const directory = () => contacts?.current();
  const { store, replica } = await openStore(config.paging, logger);
  const { policy, rateLimit, confirmAbove, shutdownGraceMs, maxInFlight } = config.paging;
  const metrics = createMetrics();
  // The one way to a page's thread: receipts, replies, acks, escalations, pages taken over.
  const threads = createThreadPoster(store);
  const deliveries = createDeliveries({ store, logger, metrics, threads });
  replica?.onTakenOver((pages) => sayInterrupted(threads, pages, logger));
  const pager = createPager({
    onPageDone: metrics.observePage,
    onReported: deliveries.pageReported,
    transport: csoft.client,
    credit: observedCredit(csoft.account, metrics.observeCredit),
    ...(config.account.lowCredit !== undefined && { lowCredit: config.account.lowCredit }),
    logger,
    directory,
    store,
    policy,
    confirmAbove,
    maxInFlight,
    ...(rateLimit && { rateLimit }),
    ...twoWayDeps(config, metrics, threads),
  });
  const running: RunningAdapter[] = [];
  let stopping = false;
  const readiness = createReadiness([
    replica
      ? { name: "database", check: replica.holdsLease }
      : dataDirWritable(config.paging.dataDir),
    { name: "accepting_commands", check: () => !stopping },
  ]);
  const replies = answersToPages(store, pager, deliveries, logger);
  const health = await openHealth(config, { readiness, metrics, deliveries, replies }, logger);
  const shutdown = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason }, "shutting down");
    // Stop taking commands; pages being sent get the grace period, then count as interrupted.
    const deadline = delay(shutdownGraceMs);
    const stopped = Promise.allSettled(running.map((adapter) => adapter.stop()));
    await pager.shutdown(shutdownGraceMs);
    await Promise.race([stopped, deadline]);
    await Promise.race([deliveries.close(), deadline]);
    await health?.close();
    contacts?.close();
    // A request still hanging must not hold the exit: its page is recorded as interrupted.
    const closing = [csoft.client.close(), csoft.account.close(), csoft.simulator?.close()];
    await Promise.race([Promise.allSettled(closing), deadline]);
    replica?.stop();
    await store.close();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void shutdown(signal).then(() => process.exit(0)));
  }

  const deps = {
    port: config.port,
    routes: health?.routes ?? [],
    mount: health?.mount ?? (() => undefined),
    terminal,
  };
  const core = { pager, logger, contacts: directory, onReceipt: deliveries.onReceipt };
  const started = { running, addCheck: readiness.add, deliveries };
  const ended = await startAdapters(config, core, deps, started, logger);
  // A chat bot runs on: it fires escalation steps as they fall due, and those missed while down.
  if (!atTerminal(config)) await pager.startEscalations();
  if (ended === undefined) return "done";
  const outcome = await ended;
  await shutdown("end of input");
  return outcome;
}

type Readiness = ReturnType<typeof createReadiness>;

/** Where started adapters go: stopped at shutdown, checked by /readyz, editing their reports. */
interface Started {
  running: RunningAdapter[];
  addCheck: Readiness["add"];
  deliveries: Deliveries;
}

/** Starts each chosen adapter; resolves to the end of the one that ends by itself, if any. */
async function startAdapters(
  config: Config,
  core: AdapterCore,
  deps: Omit<AdapterDeps<unknown>, "settings" | "allowList">,
  { running, addCheck, deliveries }: Started,
  logger: Logger,
): Promise<Promise<CommandOutcome> | undefined> {
  let ended: Promise<CommandOutcome> | undefined;
  for (const { descriptor, settings, allowList } of config.adapters) {
    const adapter = await descriptor.start(core, { ...deps, settings, allowList });
    running.push(adapter);
    addCheck({ name: descriptor.name, check: adapter.ready });
    if (adapter.deliveryEditor) deliveries.attach(descriptor.name, adapter.deliveryEditor);
    if (adapter.finished) ended = adapter.finished;
    else logger.info({ adapter: descriptor.name }, "adapter started");
  }
  return ended;
}

/**
 * The pager's two-way settings (CSOFT_REPLY_TO, SMS_ACK_WORDS, SMS_REPLY_WINDOW), its metrics,
 * and where it posts: page threads, and SMS_INBOUND_CHANNEL for replies that match no page.
 */
function twoWayDeps(config: Config, metrics: Metrics, threads: ThreadPoster) {
  const { replyTo, ackWords, replyWindowMs, inboundChannel } = config.twoWay;
  return {
    threadNote: threads.note,
    showAcknowledged: threads.showAcknowledged,
    ...(inboundChannel !== undefined && {
      inboundNote: (text: string) => threads.noteChannel(inboundChannel, text),
    }),
    ...(replyTo !== undefined && { replyTo }),
    ackWords,
    replyWindowMs,
    onAcknowledged: metrics.observeAcknowledged,
    onEscalated: metrics.observeEscalation,
  };
}

/**
 * What csoft's callbacks tell the pager: a reply is stored before csoft is answered, then
 * matched to its page and acknowledged; a receipt saying a number was not delivered may leave
 * a page with no number reached, which brings its `on_failure` escalation steps forward.
 */
function answersToPages(
  store: Store,
  pager: Pager,
  deliveries: Deliveries,
  logger: Logger,
): CallbackHandler<InboundReply> {
  deliveries.onReceipt(({ state, change, pageId }) => {
    const news = change === "new" || change === "advanced";
    if (state === "not-delivered" && news && pageId !== undefined) void pager.undelivered(pageId);
  });
  return (reply, receivedAt) =>
    storeInboundReply(reply, receivedAt, {
      replies: store,
      logger,
      onReply: async (stored) => void (await pager.receiveReply(stored)),
    });
}

/** What the routes on PORT answer from. */
interface Served {
  readiness: Readiness;
  metrics: Metrics;
  deliveries: Deliveries;
  /** Stores a two-way reply csoft posted; it is acted on once stored. */
  replies: CallbackHandler<InboundReply>;
}

/**
 * A chat bot serves the routes on PORT: /healthz, /readyz, /metrics, csoft's callbacks when they
 * are configured, and the POST paths its adapters declared, on the listener of an adapter that
 * owns the port, or ours. The terminal opens the port only for csoft's callbacks.
 */
function openHealth(
  config: Config,
  { readiness, metrics, deliveries, replies }: Served,
  logger: Logger,
): Promise<HealthServing | undefined> {
  const credentials = config.account.callbacks;
  const callbacks = callbackRoutes({ credentials, deliveries, replies, logger });
  if (atTerminal(config) && callbacks.length === 0) return Promise.resolve(undefined);
  const portTakenByAdapter = config.adapters.some(
    ({ descriptor, settings }) => descriptor.ownsPort?.(settings) === true,
  );
  const adapterPaths = config.adapters.flatMap(
    ({ descriptor, settings }) => descriptor.paths?.(settings) ?? [],
  );
  return serveHealth({
    port: config.port,
    portTakenByAdapter,
    readiness,
    metrics,
    logger,
    adapterPaths,
    callbackRoutes: callbacks,
  });
}

async function openStore(paging: PagingConfig, logger: Logger) {
  const { store, replica } = await openSharedStore(paging, systemClock, logger);
  // Whatever was being sent when the last run died: its fate is unknown, and it is not resent.
  // On PostgreSQL other replicas are sending: a lease that runs out tells whose pages to mark.
  const interrupted = replica === undefined ? await store.markInterrupted(Date.now()) : 0;
  await store.forgetRequestsBefore(Date.now() - REQUEST_KEY_RETENTION_MS);
  if (interrupted > 0) {
    logger.warn({ pages: interrupted }, "pages cut off by the last run marked interrupted");
  }
  return { store, replica };
}

/** In each taken-over page's thread, where it was stored and its chat runs here. */
function sayInterrupted(threads: ThreadPoster, pages: readonly PageRow[], logger: Logger): void {
  for (const { id } of pages) {
    threads.note(id, interruptedNote(id)).catch((error: unknown) => {
      logger.warn({ err: error, page: id }, "could not say in its thread that a page was cut off");
    });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => systemClock.setTimer(resolve, ms));
}

function openContacts(config: Config, logger: Logger): Promise<LiveDirectory | undefined> {
  const file =
    config.contactsFile ?? (existsSync(DEFAULT_CONTACTS_FILE) ? DEFAULT_CONTACTS_FILE : undefined);
  if (file === undefined) return Promise.resolve(undefined);
  return watchDirectoryFile(file, logger, DEFAULT_CONTACTS_POLL_MS, systemClock, contactIdFields());
}

function announceSimulator(
  config: Config,
  url: string | undefined,
  terminal: TerminalIo,
  logger: Logger,
): void {
  if (url === undefined) return;
  const why = config.demo ? "Demo mode" : "CSOFT_SIMULATOR=true";
  const line = `${why}: using the embedded csoft simulator at ${url}; no real SMS is sent.`;
  if (atTerminal(config)) terminal.output.write(`${line}\n`);
  else logger.warn({ url }, "using the embedded csoft simulator; no real SMS is sent");
}
