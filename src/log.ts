import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger } from "pino";

/** Paths pino censors wherever they appear in a log object: secrets never reach a log line. */
const REDACTED_PATHS = [
  "pin",
  "PIN",
  "*.pin",
  "*.PIN",
  "credentials",
  "*.credentials",
  "token",
  "*.token",
  "*.*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "body",
  "*.body",
];

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stderr by default so a terminal session's stdout stays the conversation. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
      base: { name: "csoft-chatops" },
    },
    options.destination ?? pino.destination(2),
  );
}

/** A logger that writes nothing, for tests and library users who bring none. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
