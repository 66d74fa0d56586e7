// csoft for the program: the client pages are sent with and the account query `/sms credit`
// asks, both on the live servers or, with no account configured, on the embedded simulator.

import { RECEIPTS_PATH } from "../src/callbacks/index.js";
import type { CoreConfig, CsoftConfig } from "../src/config.js";
import { CsoftAccount } from "../src/csoft/account.js";
import { CsoftClient } from "../src/csoft/client.js";
import {
  DEMO_ACCOUNT,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../src/csoft/simulator.js";
import type { Logger } from "../src/log.js";

export interface Csoft {
  client: CsoftClient;
  account: CsoftAccount;
  /** Running when no csoft account is configured (or CSOFT_SIMULATOR=true). */
  simulator: Simulator | undefined;
}

/** The servers and account both use: csoft's, or the simulator's. */
interface Servers {
  credentials: { username: string; pin: string };
  primaryUrl: string;
  secondaryUrl: string;
}

/** With callbacks configured, the simulator posts its receipts to our own /csoft/receipts. */
export function simulatorOptions(config: CoreConfig): SimulatorOptions {
  const { callbacks, simulatorReceiptDelayMs } = config.account;
  if (!callbacks) return {};
  const url = `http://127.0.0.1:${config.port}${RECEIPTS_PATH}`;
  return { receipts: { url, ...callbacks, delayMs: simulatorReceiptDelayMs } };
}

export async function connectCsoft(
  csoft: CsoftConfig,
  logger: Logger,
  simulatorOptions: SimulatorOptions = {},
): Promise<Csoft> {
  let servers: Servers;
  let simulator: Simulator | undefined;
  if (csoft.mode === "live") {
    const { username, pin, primaryUrl, secondaryUrl } = csoft;
    servers = { credentials: { username, pin }, primaryUrl, secondaryUrl };
  } else {
    simulator = await startSimulator(simulatorOptions);
    const { url } = simulator;
    servers = { credentials: DEMO_ACCOUNT, primaryUrl: url, secondaryUrl: url };
  }
  const timeouts = {
    connectTimeoutMs: csoft.connectTimeoutMs,
    responseTimeoutMs: csoft.responseTimeoutMs,
    logger,
  };
  const client = new CsoftClient({
    ...servers,
    ...timeouts,
    concurrency: csoft.concurrency,
    coolDownMs: csoft.coolDownMs,
    hedgeDelayMs: csoft.hedgeDelayMs,
  });
  // The account query: the servers, account and time-outs sending uses.
  const account = new CsoftAccount({ ...servers, ...timeouts });
  return { client, account, simulator };
}
