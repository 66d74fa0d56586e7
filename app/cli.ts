// The command line: its arguments, --help and --version, and what the exit status means.

import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { ChatopsError, type CommandOutcome } from "../src/kit.js";
import { ADAPTER_NAMES } from "./adapters.js";

/**
 * The exit status is the worst outcome of the session's commands. A usage or configuration
 * error (arguments, environment, contacts file) is `invalid`; failing to start is `failed`.
 */
export const EXIT_STATUS: Record<CommandOutcome, number> = {
  done: 0,
  failed: 1,
  invalid: 2,
  unknown: 3,
};

export const USAGE = `Usage: csoft-chatops [--adapter shell|slack|discord]
       csoft-chatops --help | --version

Pages people by SMS through Connection Software (csoft), from Slack, Discord or this terminal.
At a terminal it gives an sms> prompt; on piped input it runs one /sms command per line.

Options:
  --adapter <name>  run only this adapter: ${ADAPTER_NAMES.join(", ")}
                    (default: every chat with credentials, else the terminal)
  --help            show this and exit
  --version         show the version and exit

Environment: CSOFT_USERNAME and CSOFT_PIN (none set: a demo on the embedded simulator, no real
SMS), SLACK_*, DISCORD_* and the rest, from the environment or ./.env; see .env.example.

Exit status (the worst outcome of the session's commands):
  ${EXIT_STATUS.done}  every page accepted, or nothing to send
  ${EXIT_STATUS.failed}  something not sent: a number failed, a page refused or not confirmed, or the
     program could not start; safe to send again once the cause is fixed
  ${EXIT_STATUS.invalid}  a usage or configuration error, or a command that is not valid; nothing sent for it
  ${EXIT_STATUS.unknown}  a number's fate is unknown (csoft's answer was lost): check /sms status before
     sending again
`;

/** What the command line asks for. */
export type Invocation = { kind: "help" } | { kind: "version" } | { kind: "run"; adapter?: string };

/** An argument the program does not understand. */
export class ArgumentError extends ChatopsError {
  constructor(message: string, options?: ErrorOptions) {
    super("ARGUMENT", message, options);
  }
}

export function readArguments(args: readonly string[]): Invocation {
  let values: { adapter?: string; help?: boolean; version?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        adapter: { type: "string" },
        help: { type: "boolean" },
        version: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    // node:util names the argument: "Unknown option '--adaptor'".
    throw new ArgumentError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const { adapter } = values;
  if (adapter === undefined) return { kind: "run" };
  if (!ADAPTER_NAMES.includes(adapter)) {
    throw new ArgumentError(
      `--adapter must be one of ${ADAPTER_NAMES.join(", ")} (got "${adapter}")`,
    );
  }
  return { kind: "run", adapter };
}

/** The package's own version; the package name resolves to itself through its "exports". */
export function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require("csoft-chatops/package.json") as { version: string }).version;
}
