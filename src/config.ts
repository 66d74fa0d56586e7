import { z } from "zod";
import { type PagingConfig, pagingConfig, pagingEnvShape } from "./access/settings.js";
import { DEFAULT_HEDGE_DELAY_MS } from "./csoft/client.js";
import { isLoopbackHost } from "./csoft/server-url.js";

export const DEFAULT_PRIMARY_URL = "https://www.csoft.co.uk/webservices/http/sendsms";
const DEFAULT_SECONDARY_URL = "https://www2.csoft.co.uk/webservices/http/sendsms";

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
}

/** Every problem with the environment, one line each, so a user fixes them in one go. */
export class ConfigError extends Error {
  readonly code = "CONFIG";
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
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
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === "https:" || isLoopbackHost(url.hostname);
  }, "must use https:// (plain http:// is allowed only for a loopback host such as 127.0.0.1)");

const positiveInt = (fallback: number, max: number, min = 1) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(fallback);

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
  CSOFT_CONCURRENCY: positiveInt(4, 64),
  CSOFT_CONNECT_TIMEOUT_MS: positiveInt(5_000, 120_000),
  CSOFT_RESPONSE_TIMEOUT_MS: positiveInt(30_000, 600_000),
  CSOFT_FAILOVER_COOLDOWN_MS: positiveInt(60_000, 86_400_000),
  CSOFT_HEDGE_DELAY_MS: positiveInt(DEFAULT_HEDGE_DELAY_MS, 60_000, 0),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: z.url({ error: "must be a URL, e.g. https://slack.com/api/" }).optional(),
  PORT: positiveInt(3000, 65_535),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: z.url({ error: "must be a URL, e.g. https://discord.com/api" }).optional(),
  CONTACTS_FILE: optionalText,
  LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(", ")}` }).optional(),
  ...pagingEnvShape,
});

type Env = z.infer<typeof envSchema>;

/** Reads the environment into a Config, or throws one ConfigError listing every problem. */
export function loadConfig(
  env: Record<string, string | undefined>,
  forcedAdapter?: AdapterName,
): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`),
    );
  }
  const values = parsed.data;
  const problems: string[] = [];
  const slack = slackConfig(values, problems);
  const discord = discordConfig(values, problems);
  const csoft = csoftConfig(values, problems, slack !== undefined || discord !== undefined);
  const adapters = chooseAdapters(forcedAdapter, slack, discord, problems);
  if (problems.length > 0) throw new ConfigError(problems);
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
  };
}

function csoftConfig(values: Env, problems: string[], chatConfigured: boolean): CsoftConfig {
  const tuning: CsoftTuning = {
    concurrency: values.CSOFT_CONCURRENCY,
    connectTimeoutMs: values.CSOFT_CONNECT_TIMEOUT_MS,
    responseTimeoutMs: values.CSOFT_RESPONSE_TIMEOUT_MS,
    coolDownMs: values.CSOFT_FAILOVER_COOLDOWN_MS,
    hedgeDelayMs: values.CSOFT_HEDGE_DELAY_MS,
  };
  const { CSOFT_USERNAME: username, CSOFT_PIN: pin } = values;
  if (values.CSOFT_SIMULATOR) return { mode: "simulator", ...tuning };
  if (username && pin) {
    return {
      mode: "live",
      username,
      pin,
      primaryUrl: values.CSOFT_PRIMARY_URL,
      secondaryUrl: values.CSOFT_SECONDARY_URL,
      ...tuning,
    };
  }
  if (username || pin) {
    problems.push(
      `${username ? "CSOFT_PIN" : "CSOFT_USERNAME"} is missing: set both CSOFT_USERNAME (e.g. ANOther.12345) and CSOFT_PIN`,
    );
  } else if (chatConfigured) {
    problems.push(
      "Chat credentials are set but csoft credentials are not: set CSOFT_USERNAME and CSOFT_PIN, " +
        "or CSOFT_SIMULATOR=true to page the embedded simulator (no real SMS)",
    );
  }
  return { mode: "simulator", ...tuning };
}

function slackConfig(values: Env, problems: string[]): SlackConfig | undefined {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken } = values;
  const signingSecret = values.SLACK_SIGNING_SECRET;
  if (!botToken) {
    if (appToken || signingSecret) {
      problems.push("SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…) as well");
    }
    return undefined;
  }
  if (!appToken && !signingSecret) {
    problems.push(
      "Slack needs SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP) besides SLACK_BOT_TOKEN",
    );
    return undefined;
  }
  return {
    botToken,
    ...(appToken && { appToken }),
    ...(signingSecret && { signingSecret }),
    ...(values.SLACK_API_URL && { apiUrl: values.SLACK_API_URL }),
    port: values.PORT,
  };
}

function discordConfig(values: Env, problems: string[]): DiscordConfig | undefined {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId } = values;
  if (!token) {
    if (applicationId)
      problems.push("DISCORD_TOKEN is missing: Discord needs the bot token as well");
    return undefined;
  }
  if (!applicationId) {
    problems.push(
      "DISCORD_APPLICATION_ID is missing: Discord needs the application id besides DISCORD_TOKEN",
    );
    return undefined;
  }
  return {
    token,
    applicationId,
    ...(values.DISCORD_GUILD_ID && { guildId: values.DISCORD_GUILD_ID }),
    ...(values.DISCORD_API_URL && { apiUrl: values.DISCORD_API_URL }),
  };
}

function chooseAdapters(
  forced: AdapterName | undefined,
  slack: SlackConfig | undefined,
  discord: DiscordConfig | undefined,
  problems: string[],
): AdapterName[] {
  if (forced === "slack" && !slack)
    problems.push(
      "--adapter slack needs SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET",
    );
  if (forced === "discord" && !discord)
    problems.push("--adapter discord needs DISCORD_TOKEN and DISCORD_APPLICATION_ID");
  if (forced) return [forced];
  const chats: AdapterName[] = [];
  if (slack) chats.push("slack");
  if (discord) chats.push("discord");
  return chats.length > 0 ? chats : ["shell"];
}
