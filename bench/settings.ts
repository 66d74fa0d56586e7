// npm run bench [-- --latency-ms 100 --concurrency 4 --connect-timeout-ms 5000 --hedge-delay-ms 250
//                  --connect-cost-ms 60 --announce-ms 150 --runs 5]
import { parseArgs } from "node:util";
import { DEFAULT_HEDGE_DELAY_MS } from "../src/defaults.js";

export interface Settings {
  /** How long the simulated csoft takes to answer a request: the network floor of one round. */
  latencyMs: number;
  concurrency: number;
  connectTimeoutMs: number;
  /** The client's default: the primary's connection may take this long before the secondary is tried too. */
  hedgeDelayMs: number;
  /** What opening a connection costs (TCP and TLS handshakes) in the idle-page scenario. */
  connectCostMs: number;
  /** How long the chat takes to post a page's parent message, the slow part of the command path. */
  announceMs: number;
  /** Runs per figure; each figure is their median. */
  runs: number;
}

const DEFAULTS: Record<keyof Settings, number> = {
  latencyMs: 100,
  concurrency: 4,
  connectTimeoutMs: 5_000,
  hedgeDelayMs: DEFAULT_HEDGE_DELAY_MS,
  connectCostMs: 60,
  announceMs: 150,
  runs: 5,
};

const flag = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

export function readSettings(args: readonly string[] = process.argv.slice(2)): Settings {
  const names = Object.keys(DEFAULTS) as (keyof Settings)[];
  const { values } = parseArgs({
    args: [...args],
    options: Object.fromEntries(names.map((name) => [flag(name), { type: "string" as const }])),
  });
  const settings = { ...DEFAULTS };
  for (const name of names) {
    const given = values[flag(name)];
    if (given === undefined) continue;
    const value = Number(given);
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`--${flag(name)} must be a whole number ≥ 1, got "${given}"`);
    }
    settings[name] = value;
  }
  if (settings.runs < 5) throw new Error("--runs must be at least 5: figures are medians");
  if (settings.announceMs <= settings.connectCostMs) {
    throw new Error(
      "--announce-ms must exceed --connect-cost-ms: a page after idle is judged when its command path outlasts the handshake",
    );
  }
  return settings;
}
