#!/usr/bin/env node
// The program's entry: reads the command line and the environment (the only module that reads
// process.env), runs the composition root (app/run.ts) and turns its outcome into an exit status.
import { existsSync } from "node:fs";
import { ContactsError } from "../src/contacts/load.js";
import { ArgumentError, EXIT_STATUS, packageVersion, readArguments, USAGE } from "./cli.js";
import { ConfigError, loadConfig } from "./config.js";
import { run } from "./run.js";

/** --help and --version answer without reading the environment. */
async function start(): Promise<number> {
  const invocation = readArguments(process.argv.slice(2));
  if (invocation.kind !== "run") {
    process.stdout.write(invocation.kind === "help" ? USAGE : `${packageVersion()}\n`);
    return EXIT_STATUS.done;
  }
  if (existsSync(".env")) process.loadEnvFile(".env");
  const config = loadConfig(process.env, invocation.adapter);
  const outcome = await run(config, {
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    env: process.env,
    uid: process.getuid?.(),
  });
  return EXIT_STATUS[outcome];
}

/** A mistake in how the program was started, and where to look for the right way. */
function usageHint(error: unknown): string | undefined {
  if (error instanceof ArgumentError) return "Run csoft-chatops --help for the options.";
  if (error instanceof ConfigError) return "See .env.example for every variable.";
  if (error instanceof ContactsError) return "See contacts.example.yaml for the format.";
  return undefined;
}

start().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const hint = usageHint(error);
    if (hint !== undefined) {
      process.stderr.write(`${message}\n${hint}\n`);
      process.exit(EXIT_STATUS.invalid);
    }
    process.stderr.write(`csoft-chatops could not start: ${message}\n`);
    process.exit(EXIT_STATUS.failed);
  },
);
