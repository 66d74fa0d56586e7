// The core's configuration: csoft, PORT, logs, contacts and paging, from their environment
// variables. Adapters declare their own (each descriptor); app/config.ts parses both in one round.

import { z } from "zod";
import type { AllowList } from "./access/policy.js";
import { type PagingConfig, pagingConfig, pagingEnvShape } from "./access/settings.js";
import { type AccountConfig, accountConfig, accountEnvShape } from "./csoft/account-settings.js";
import {
  DEFAULT_CONCURRENCY,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_COOL_DOWN_MS,
  DEFAULT_HEDGE_DELAY_MS,
  DEFAULT_PORT,
  DEFAULT_PRIMARY_URL,
  DEFAULT_RESPONSE_TIMEOUT_MS,
  DEFAULT_SECONDARY_URL,
  MAX_CONCURRENCY,
  MAX_CONNECT_TIMEOUT_MS,
  MAX_COOL_DOWN_MS,
  MAX_HEDGE_DELAY_MS,
  MAX_PORT,
  MAX_RESPONSE_TIMEOUT_MS,
} from "./defaults.js";
import { ChatopsError } from "./errors.js";
import { type TwoWayConfig, twoWayConfig, twoWayEnvShape } from "./twoway/settings.js";
import { carriesSecretsSafely, wholeNumber } from "./validate.js";

export interface CsoftTuning {
  concurrency: number;
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  coolDownMs: number;
  hedgeDelayMs: number;
}

export type CsoftConfig =
  /** No real SMS: the embedded simulator answers. */
  | ({ mode: "simulator" } & CsoftTuning)
  | ({
      mode: "live";
      username: string;
      pin: string;
      primaryUrl: string;
      secondaryUrl: string;
    } & CsoftTuning);

/** The core's settings: csoft, logs, contacts, paging and the port. Adapters read their own. */
export interface CoreConfig {
  csoft: CsoftConfig;
  /** CONTACTS_FILE; unset means contacts.yaml if the working directory has one. */
  contactsFile?: string;
  /** LOG_LEVEL as set; the composition root picks the default (quieter at a terminal). */
  logLevel?: string;
  /** History, permissions, rate limit, confirmation and shutdown (src/access/settings.ts). */
  paging: PagingConfig;
  /** Callbacks, the low-credit warning, the simulator's receipts (src/csoft/account-settings.ts). */
  account: AccountConfig;
  /** PORT: the routes on it are served by an adapter's HTTP listener, when one owns it; else ours. */
  port: number;
  /** CSOFT_REPLY_TO and SMS_ACK_WORDS (src/twoway/settings.ts). */
  twoWay: TwoWayConfig;
}

/** Every problem with the environment, one line each, so a user fixes them in one go. */
export class ConfigError extends ChatopsError {
  constructor(readonly problems: string[]) {
    super("CONFIG", `Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Text that may be unset; blank counts as unset. */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const csoftUrl = z
  .url({
    protocol: /^https?$/,
    error: "must be an http(s) URL, e.g. https://www.csoft.co.uk/webservices/http/sendsms",
  })
  .refine(
    (value) => carriesSecretsSafely(new URL(value)),
    "must use https:// (plain http:// is allowed only for a loopback host such as 127.0.0.1)",
  );

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** The core's variables; the composition root merges each adapter's into the same schema. */
export const coreEnvShape = {
  CSOFT_USERNAME: optionalText,
  CSOFT_PIN: optionalText,
  CSOFT_PRIMARY_URL: csoftUrl.default(DEFAULT_PRIMARY_URL),
  CSOFT_SECONDARY_URL: csoftUrl.default(DEFAULT_SECONDARY_URL),
  CSOFT_SIMULATOR: z
    .enum(["true", "false", ""], { error: "must be true or false" })
    .optional()
    .transform((value) => value === "true"),
  CSOFT_CONCURRENCY: wholeNumber(DEFAULT_CONCURRENCY, MAX_CONCURRENCY),
  CSOFT_CONNECT_TIMEOUT_MS: wholeNumber(DEFAULT_CONNECT_TIMEOUT_MS, MAX_CONNECT_TIMEOUT_MS),
  CSOFT_RESPONSE_TIMEOUT_MS: wholeNumber(DEFAULT_RESPONSE_TIMEOUT_MS, MAX_RESPONSE_TIMEOUT_MS),
  CSOFT_FAILOVER_COOLDOWN_MS: wholeNumber(DEFAULT_COOL_DOWN_MS, MAX_COOL_DOWN_MS),
  CSOFT_HEDGE_DELAY_MS: wholeNumber(DEFAULT_HEDGE_DELAY_MS, MAX_HEDGE_DELAY_MS, 0),
  PORT: wholeNumber(DEFAULT_PORT, MAX_PORT),
  CONTACTS_FILE: optionalText,
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).optional(),
  ...pagingEnvShape,
  ...accountEnvShape,
  ...twoWayEnvShape,
};

export type CoreEnv = { [K in keyof typeof coreEnvShape]: z.output<(typeof coreEnvShape)[K]> };

/** The core's settings from its parsed variables, with the allow-lists the adapters read. */
export function coreConfig(
  values: CoreEnv,
  allowLists: Readonly<Record<string, AllowList>> = {},
): CoreConfig {
  return {
    csoft: csoftConfig(values),
    ...(values.CONTACTS_FILE && { contactsFile: values.CONTACTS_FILE }),
    ...(values.LOG_LEVEL && { logLevel: values.LOG_LEVEL }),
    paging: pagingConfig(values, allowLists),
    account: accountConfig(values),
    port: values.PORT,
    twoWay: twoWayConfig(values),
  };
}

/** One line per problem: the variable's name, then what is wrong with it. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? `${issue.path.join(".")} ${issue.message}` : issue.message;
}

/** The csoft variables the pairing rules read: plain text, parsed even when others fail. */
type Credentials = Pick<CoreEnv, "CSOFT_USERNAME" | "CSOFT_PIN" | "CSOFT_SIMULATOR">;

/**
 * Username and PIN work only together; a chat with credentials needs csoft's, or the simulator
 * asked for by name, never a silent simulator.
 */
export function csoftProblems(values: Credentials, chatConfigured: boolean): string[] {
  const { CSOFT_USERNAME: username, CSOFT_PIN: pin } = values;
  // A malformed CSOFT_SIMULATOR is reported by the schema; here it counts as not set.
  if (values.CSOFT_SIMULATOR === true || (username && pin)) return [];
  if (username || pin) {
    return [
      `${username ? "CSOFT_PIN" : "CSOFT_USERNAME"} is missing: set both CSOFT_USERNAME (e.g. ANOther.12345) and CSOFT_PIN`,
    ];
  }
  if (chatConfigured) {
    return [
      "Chat credentials are set but csoft credentials are not: set CSOFT_USERNAME and CSOFT_PIN, " +
        "or CSOFT_SIMULATOR=true to page the embedded simulator (no real SMS)",
    ];
  }
  return [];
}

function csoftConfig(values: CoreEnv): CsoftConfig {
  const tuning: CsoftTuning = {
    concurrency: values.CSOFT_CONCURRENCY,
    connectTimeoutMs: values.CSOFT_CONNECT_TIMEOUT_MS,
    responseTimeoutMs: values.CSOFT_RESPONSE_TIMEOUT_MS,
    coolDownMs: values.CSOFT_FAILOVER_COOLDOWN_MS,
    hedgeDelayMs: values.CSOFT_HEDGE_DELAY_MS,
  };
  const { CSOFT_USERNAME: username, CSOFT_PIN: pin } = values;
  if (values.CSOFT_SIMULATOR || !username || !pin) return { mode: "simulator", ...tuning };
  return {
    mode: "live",
    username,
    pin,
    primaryUrl: values.CSOFT_PRIMARY_URL,
    secondaryUrl: values.CSOFT_SECONDARY_URL,
    ...tuning,
  };
}
