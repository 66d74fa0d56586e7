// Bolt and its Web API client log through our pino logger. Their lines are strings built
// from request data, which pino's path redaction cannot see into, so secrets are scrubbed here.
import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../../src/log.js";

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

export function boltLogLevel(logger: Logger): LogLevel {
  switch (logger.level) {
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

export function boltLogger(logger: Logger, secrets: readonly (string | undefined)[]): BoltLogger {
  const child = logger.child({ component: "slack" });
  const scrub = secretScrubber(secrets);
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...parts: unknown[]) => {
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
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel(level) {
      child.level = level;
    },
    getLevel: () => boltLogLevel(child),
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
