// The environment → the program's Config: the core's variables and every adapter's, parsed with
// one schema so that every problem is told at once, one line each.

import { z } from "zod";
import {
  ConfigError,
  type CoreConfig,
  type CoreEnv,
  coreConfig,
  coreEnvShape,
  csoftProblems,
  describeIssue,
} from "../src/config.js";
import { callbackProblems } from "../src/csoft/account-settings.js";
import type { AllowList } from "../src/kit.js";
import { ADAPTERS, type Adapter } from "./adapters.js";

export { ConfigError } from "../src/config.js";

/** An adapter the program starts, with what its descriptor read from the environment. */
export interface ChosenAdapter {
  descriptor: Adapter;
  settings: unknown;
  allowList: AllowList | undefined;
}

export interface Config extends CoreConfig {
  /** Those forced by --adapter, else every chat with credentials, else the terminal. */
  adapters: ChosenAdapter[];
  /** Nothing configured at all: the terminal against the simulator. */
  demo: boolean;
  /** LOG_LEVEL; by default info, or warn at the terminal, where routine lines would clutter. */
  logLevel: string;
}

type Values = Record<string, unknown>;

/** The problems of credentials taken together: each adapter's, then csoft's. */
function pairingProblems(values: Values, adapters: readonly Adapter[], forced?: string): string[] {
  const problems = adapters.flatMap(
    (adapter) => adapter.problems?.(values as never, adapter.name === forced) ?? [],
  );
  const chats = adapters.some((adapter) => !adapter.terminal && adapter.settings(values as never));
  return [
    ...problems,
    ...csoftProblems(values as CoreEnv, chats),
    ...callbackProblems(values as CoreEnv),
  ];
}

/** Reads the environment into a Config, or throws one ConfigError listing every problem. */
export function loadConfig(
  env: Record<string, string | undefined>,
  forcedAdapter?: string,
  adapters: readonly Adapter[] = ADAPTERS,
): Config {
  const shape = Object.assign({}, coreEnvShape, ...adapters.map((adapter) => adapter.env));
  // The pairing rules run even when other variables are malformed: every problem in one round.
  const schema = z.object(shape).superRefine(
    (values, context) => {
      for (const message of pairingProblems(values, adapters, forcedAdapter)) {
        context.addIssue({ code: "custom", message });
      }
    },
    { when: () => true },
  );
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeIssue));
  const values = parsed.data as Values;
  const allowLists = Object.fromEntries(
    adapters.flatMap((adapter) =>
      adapter.allowList ? [[adapter.name, adapter.allowList(values as never)] as const] : [],
    ),
  );
  const core = coreConfig(values as CoreEnv, allowLists);
  const chats = adapters.filter((a) => !a.terminal && a.settings(values as never) !== undefined);
  const chosen = forcedAdapter
    ? adapters.filter((adapter) => adapter.name === forcedAdapter)
    : chats.length > 0
      ? chats
      : adapters.filter((adapter) => adapter.terminal);
  const atTerminal = chosen.some((adapter) => adapter.terminal);
  return {
    ...core,
    adapters: chosen.map((descriptor) => ({
      descriptor,
      settings: descriptor.settings(values as never),
      allowList: allowLists[descriptor.name],
    })),
    demo: core.csoft.mode === "simulator" && values.CSOFT_SIMULATOR !== true && chats.length === 0,
    logLevel: core.logLevel ?? (atTerminal ? "warn" : "info"),
  };
}

/** The settings one adapter read, when the program starts it. */
export function settingsOf<Settings>(
  config: Config,
  descriptor: { name: string; settings(env: never): Settings | undefined },
): Settings | undefined {
  const chosen = config.adapters.find((adapter) => adapter.descriptor.name === descriptor.name);
  return chosen?.settings as Settings | undefined;
}

/** Whether the program talks on the terminal (no HTTP port, notices on its output). */
export function atTerminal(config: Config): boolean {
  return config.adapters.some((adapter) => adapter.descriptor.terminal === true);
}
