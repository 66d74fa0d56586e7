import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..");

/**
 * A history folder of its own for each run: request keys persist by design, so runs sharing
 * ./data would see each other's commands as already handled.
 */
function freshDataDir(): string {
  return mkdtempSync(join(tmpdir(), "csoft-chatops-data-"));
}

/** The program from source as a live child process: its output so far, and how it ended. */
export interface LiveCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves once stderr (the log) matches; rejects if the program exits first or time runs out. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal (unless it has exited) and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `node --import tsx app/main.ts` with only the given environment (and a fresh DATA_DIR unless given),
 * without blocking this process, so servers it talks to can live in the test.
 */
export function spawnCli(env: Record<string, string>, args: string[] = []): LiveCli {
  // One process (not the tsx wrapper and a child), so a signal reaches the program itself.
  const child = spawn(process.execPath, ["--import", "tsx", "app/main.ts", ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      DATA_DIR: freshDataDir(),
      ...env,
    },
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForLog(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(err)) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${err}`);
        if (Date.now() > deadline) throw new Error(`no log line ${pattern} in: ${err}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return (await exited).code;
    },
  };
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the program to its end on piped input. */
export async function runCli(
  input: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<CliRun> {
  const cli = spawnCli(env, args);
  cli.child.stdin.end(input);
  const { code } = await cli.exited;
  return { status: code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** A port nothing listens on right now, for a program that must be told its port up front. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}
