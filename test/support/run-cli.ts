import { spawn } from "node:child_process";
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

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the program from source (`tsx src/main.ts`) with piped input and only the given
 * environment, without blocking this process, so servers it talks to can live in the test.
 */
export function runCli(
  input: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["src/main.ts", ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        DATA_DIR: freshDataDir(),
        ...env,
      },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
    child.stdin.end(input);
  });
}

export interface RunningCli {
  /** Everything written so far. */
  readonly output: { stdout: string; stderr: string };
  /** Resolves once stderr (the log) matches, rejecting if the program exits first or time runs out. */
  waitForLog(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** Sends a signal and resolves with the exit status. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the program from source as a long-running service (a chat adapter). */
export function startCli(env: Record<string, string>, args: string[]): RunningCli {
  const child = spawn(join(ROOT, "node_modules", ".bin", "tsx"), ["src/main.ts", ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      DATA_DIR: freshDataDir(),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output = { stdout: "", stderr: "" };
  child.stdout.on("data", (chunk: Buffer) => {
    output.stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output.stderr += chunk.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    output,
    async waitForLog(pattern, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output.stderr)) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${output.stderr}`);
        if (Date.now() > deadline) throw new Error(`no log line ${pattern} in: ${output.stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    stop(signal = "SIGTERM") {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
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
