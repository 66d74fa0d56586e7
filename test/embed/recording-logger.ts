import type { Logger } from "../../src/index.js";

export interface LogEntry {
  level: "debug" | "info" | "warn" | "error";
  args: unknown[];
}

/** The least a host's logger may be: four methods, no child, no level. It keeps every call. */
export function recordingLogger(): { logger: Logger; entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: LogEntry["level"]) =>
    (...args: unknown[]) =>
      void entries.push({ level, args });
  return {
    logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
    entries,
  };
}

/** The message of each entry, whether it was logged as `(message)` or `(fields, message)`. */
export function messages(entries: readonly LogEntry[]): string[] {
  return entries.map(({ args }) => String(args.find((arg) => typeof arg === "string")));
}
