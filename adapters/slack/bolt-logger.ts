// Bolt and its Web API client log through our logger (pino in the bot). Their lines are strings
// built from request data, which pino's path redaction cannot see into: secrets are scrubbed here.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/kit.js";

const REDACTED = "[redacted]";
/** Slack tokens by their documented prefixes (bot, user, app, refresh, config). */
const SLACK_TOKEN = /\bx(?:ox[a-z]|app)-[A-Za-z0-9-]+/g;
/** The `token` field Slack still sends in slash-command payloads. */
const TOKEN_FIELD = /("token"\s*:\s*")[^"]*(")/g;
/** Shorter strings would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

export function secretScrubber(secrets: readonly (string | undefined)[]): (text: string) => string {
  const literal = secrets.filter(
    (secret): secret is string => secret !== undefined && secret.length >= MIN_SECRET_LENGTH,
  );
  return (text) => {
    let scrubbed = text.replace(SLACK_TOKEN, REDACTED).replace(TOKEN_FIELD, `$1${REDACTED}$2`);
    for (const secret of literal) scrubbed = scrubbed.replaceAll(secret, REDACTED);
    return scrubbed;
  };
}

/** Bolt's levels, least severe first. */
const BOLT_LEVELS: readonly LogLevel[] = [
  LogLevel.DEBUG,
  LogLevel.INFO,
  LogLevel.WARN,
  LogLevel.ERROR,
];

/** Bolt's level for a logger: pino's own level when it has one, else info. */
export function boltLogLevel(logger: Logger): LogLevel {
  const level = "level" in logger ? logger.level : LogLevel.INFO;
  switch (level) {
    case "trace":
    case "debug":
      return LogLevel.DEBUG;
    case "info":
      return LogLevel.INFO;
    case "warn":
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

/** Bolt's logger over ours; lines below Bolt's level are dropped here: not every logger has one. */
export function boltLogger(logger: Logger, secrets: readonly (string | undefined)[]): BoltLogger {
  const child = logger.child?.({ component: "slack" }) ?? logger;
  const scrub = secretScrubber(secrets);
  let minimum = boltLogLevel(logger);
  const write =
    (level: LogLevel) =>
    (...parts: unknown[]) => {
      if (BOLT_LEVELS.indexOf(level) < BOLT_LEVELS.indexOf(minimum)) return;
      const error = parts.find((part): part is Error => part instanceof Error);
      const text = scrub(
        parts
          .filter((part) => part !== error)
          .map(describe)
          .join(" "),
      );
      if (error === undefined) child[level](text);
      else child[level]({ err: scrubbedError(error, scrub) }, text);
    };
  return {
    debug: write(LogLevel.DEBUG),
    info: write(LogLevel.INFO),
    warn: write(LogLevel.WARN),
    error: write(LogLevel.ERROR),
    setLevel(level) {
      minimum = level;
    },
    getLevel: () => minimum,
    setName() {},
  };
}

/** The error's name, message and stack only: its other fields may hold request data. */
function scrubbedError(error: Error, scrub: (text: string) => string): Error {
  const copy = new Error(scrub(error.message));
  copy.name = error.name;
  copy.stack = scrub(error.stack ?? "");
  return copy;
}

function describe(part: unknown): string {
  if (typeof part === "string") return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
