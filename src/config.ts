import { z } from "zod";
import { idList, type PagingConfig, pagingConfig, pagingEnvShape } from "./access/settings.js";
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

export const ADAPTERS = ["shell", "slack", "discord"] as const;
export type AdapterName = (typeof ADAPTERS)[number];

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

export interface SlackConfig {
  botToken: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  port: number;
}

export interface DiscordConfig {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  /** DISCORD_ALLOW_GUILDS: the only servers the bot answers in; unset: any it is in. */
  allowGuilds?: string[];
}

export interface Config {
  csoft: CsoftConfig;
  slack?: SlackConfig;
  discord?: DiscordConfig;
  adapters: AdapterName[];
  /** CONTACTS_FILE; unset means contacts.yaml if the working directory has one. */
  contactsFile?: string;
  /** Nothing configured at all: the terminal against the simulator. */
  demo: boolean;
  /** LOG_LEVEL; by default info, or warn for the terminal adapter. */
  logLevel: string;
  /** History, permissions, rate limit, confirmation and shutdown (src/access/settings.ts). */
  paging: PagingConfig;
  /** PORT: Slack's HTTP receiver, which also serves health and metrics; else their own server. */
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

const optionalText = z
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

const envSchema = z.object({
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
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: z.url({ error: "must be a URL, e.g. https://slack.com/api/" }).optional(),
  PORT: wholeNumber(DEFAULT_PORT, MAX_PORT),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: z.url({ error: "must be a URL, e.g. https://discord.com/api" }).optional(),
  DISCORD_ALLOW_GUILDS: idList,
  CONTACTS_FILE: optionalText,
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).optional(),
  ...pagingEnvShape,
  ...twoWayEnvShape,
});

type Env = z.infer<typeof envSchema>;

/** Reads the environment into a Config, or throws one ConfigError listing every problem. */
export function loadConfig(
  env: Record<string, string | undefined>,
  forcedAdapter?: AdapterName,
): Config {
  // The pairing rules run even when other variables are malformed: every problem in one round.
  const schema = envSchema.superRefine(
    (values, context) => {
      for (const message of pairingProblems(values, forcedAdapter)) {
        context.addIssue({ code: "custom", message });
      }
    },
    { when: () => true },
  );
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map(describeIssue));
  const values = parsed.data;
  const slack = slackConfig(values);
  const discord = discordConfig(values);
  const csoft = csoftConfig(values);
  const adapters = forcedAdapter ? [forcedAdapter] : chatAdapters(slack, discord);
  return {
    csoft,
    ...(slack && { slack }),
    ...(discord && { discord }),
    ...(values.CONTACTS_FILE && { contactsFile: values.CONTACTS_FILE }),
    adapters,
    demo: csoft.mode === "simulator" && !values.CSOFT_SIMULATOR && !slack && !discord,
    // At a terminal the conversation is the output; routine log lines would only clutter it.
    logLevel: values.LOG_LEVEL ?? (adapters.includes("shell") ? "warn" : "info"),
    paging: pagingConfig(values),
    port: values.PORT,
    twoWay: twoWayConfig(values),
  };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.path.length > 0 ? `${issue.path.join(".")} ${issue.message}` : issue.message;
}

/** The variables the pairing rules read: plain text, so they are parsed even when others fail. */
type Credentials = Pick<
  Env,
  | "CSOFT_USERNAME"
  | "CSOFT_PIN"
  | "CSOFT_SIMULATOR"
  | "SLACK_BOT_TOKEN"
  | "SLACK_APP_TOKEN"
  | "SLACK_SIGNING_SECRET"
  | "DISCORD_TOKEN"
  | "DISCORD_APPLICATION_ID"
>;

/** Credentials that work only together, and an adapter forced without its credentials. */
function pairingProblems(values: Credentials, forced: AdapterName | undefined): string[] {
  const slack = Boolean(
    values.SLACK_BOT_TOKEN && (values.SLACK_APP_TOKEN || values.SLACK_SIGNING_SECRET),
  );
  const discord = Boolean(values.DISCORD_TOKEN && values.DISCORD_APPLICATION_ID);
  const problems = [
    ...slackPairing(values),
    ...discordPairing(values),
    ...csoftPairing(values, slack || discord),
  ];
  if (forced === "slack" && !slack)
    problems.push(
      "--adapter slack needs SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET",
    );
  if (forced === "discord" && !discord)
    problems.push("--adapter discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID");
  return problems;
}

function slackPairing(values: Credentials): string[] {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken } = values;
  const signingSecret = values.SLACK_SIGNING_SECRET;
  if (!botToken && (appToken || signingSecret)) {
    return ["SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…) as well"];
  }
  if (botToken && !appToken && !signingSecret) {
    return [
      "Slack needs SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP) besides SLACK_BOT_TOKEN",
    ];
  }
  return [];
}

function discordPairing(values: Credentials): string[] {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = values;
  if (!token && applicationId) {
    return ["DISCORD_TOKEN is missing: Discord needs the bot token as well"];
  }
  if (token && !applicationId) {
    return [
      "DISCORD_APPLICATION_ID is missing: Discord needs the application id besides DISCORD_TOKEN",
    ];
  }
  return [];
}

function csoftPairing(values: Credentials, chatConfigured: boolean): string[] {
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

// The builders below read values whose pairing was checked: a bot token means a complete pair.

function csoftConfig(values: Env): CsoftConfig {
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

function slackConfig(values: Env): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken } = values;
  const signingSecret = values.SLACK_SIGNING_SECRET;
  if (!botToken) return undefined;
  return {
    botToken,
    ...(appToken && { appToken }),
    ...(signingSecret && { signingSecret }),
    ...(values.SLACK_API_URL && { apiUrl: values.SLACK_API_URL }),
    port: values.PORT,
  };
}

function discordConfig(values: Env): DiscordConfig | undefined {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = values;
  if (!token || !applicationId) return undefined;
  return {
    token,
    applicationId,
    ...(values.DISCORD_GUILD_ID && { guildId: values.DISCORD_GUILD_ID }),
    ...(values.DISCORD_API_URL && { apiUrl: values.DISCORD_API_URL }),
    ...(values.DISCORD_ALLOW_GUILDS.length > 0 && { allowGuilds: values.DISCORD_ALLOW_GUILDS }),
  };
}

/** Every chat whose credentials are present; none: the terminal. */
function chatAdapters(
  slack: SlackConfig | undefined,
  discord: DiscordConfig | undefined,
): AdapterName[] {
  const chats: AdapterName[] = [];
  if (slack) chats.push("slack");
  if (discord) chats.push("discord");
  return chats.length > 0 ? chats : ["shell"];
}
