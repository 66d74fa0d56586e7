import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";

/**
 * What the package logs through: the pino logger below, Bolt's logger, `console`, or any
 * object with these four methods. Calls are pino-style, `(fields, message)` or `(message)`.
 */
export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  /** A logger whose lines carry these fields too; used when the logger has one. */
  child?(bindings: Record<string, unknown>): Logger;
}

/**
 * A logger whose lines also carry `bindings`: the logger's own child where it has one, else the
 * fields are merged into each call, so a four-method logger (Bolt's, `console`) gets them too.
 */
export function childLogger(logger: Logger, bindings: Record<string, unknown>): Logger {
  if (logger.child) return logger.child(bindings);
  const bound =
    (write: (...args: unknown[]) => void) =>
    (first?: unknown, ...rest: unknown[]): void => {
      const isFields = typeof first === "object" && first !== null && !(first instanceof Error);
      if (isFields) write({ ...bindings, ...first }, ...rest);
      else if (first instanceof Error) write({ ...bindings, err: first }, ...rest);
      else write(bindings, ...(first === undefined ? rest : [first, ...rest]));
    };
  return {
    debug: bound((...args) => logger.debug(...args)),
    info: bound((...args) => logger.info(...args)),
    warn: bound((...args) => logger.warn(...args)),
    error: bound((...args) => logger.error(...args)),
    child: (more) => childLogger(logger, { ...bindings, ...more }),
  };
}

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

export function createLogger(options: LoggerOptions = {}): PinoLogger {
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
export function silentLogger(): PinoLogger {
  return pino({ level: "silent" });
}
