// The whole program as a child process: a crash between record and completion, an orderly
// shutdown on a signal, and what the log and the database hold afterwards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { databaseBytes } from "../support/database-bytes.js";
import { until } from "../support/manual-timer.js";
import { runCli, spawnCli } from "../support/run-cli.js";

const PIN = "6543217";
const USERNAME = "ops.e2e";

let dataDir: string;
let simulator: Simulator;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "csoft-chatops-e2e-"));
  simulator = await startSimulator({ username: USERNAME, pin: PIN });
});

afterEach(async () => {
  await simulator.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    CSOFT_USERNAME: USERNAME,
    CSOFT_PIN: PIN,
    CSOFT_PRIMARY_URL: simulator.url,
    CSOFT_SECONDARY_URL: simulator.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "trace",
    ...extra,
  };
}

describe("a crash between record and completion", () => {
  it("shows the page as interrupted after a restart, and sends nothing again", async () => {
    await simulator.setFault("hang");
    const first = spawnCli(env());
    first.child.stdin.write("/sms 447700900123 db1 is down\n");
    await until(() => simulator.requests.length === 1, 15_000);
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    await simulator.setFault("none");
    const second = await runCli("/sms history\n/sms status 447700900123\n", env());
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(
      /#1 .* shell .*447700900123 "db1 is down": interrupted: state unknown, not resent/,
    );
    expect(second.stdout.match(/interrupted: state unknown, not resent/g)).toHaveLength(2);
    expect(second.stderr).toMatch(/pages cut off by the last run marked interrupted/);
    expect(simulator.requests).toHaveLength(1);
  }, 40_000);
});

describe("shutdown on a signal", () => {
  it("lets a page in flight finish, then exits 0 with it completed", async () => {
    await simulator.close();
    simulator = await startSimulator({ username: USERNAME, pin: PIN, latencyMs: 1_000 });
    const live = spawnCli(env({ SHUTDOWN_GRACE_MS: "8000" }));
    live.child.stdin.write("/sms 447700900123 db1 is down\n");
    await until(() => simulator.requests.length === 1, 15_000);
    live.child.kill("SIGTERM");
    expect(await live.exited).toEqual({ code: 0, signal: null });
    expect(live.stdout()).toMatch(/447700900123 +code -2/);

    const after = await runCli("/sms history\n", env());
    expect(after.stdout).toMatch(/"db1 is down": 1 accepted/);
  }, 40_000);

  it("records a page still unanswered after the grace period as interrupted, and exits 0", async () => {
    await simulator.setFault("hang");
    const live = spawnCli(env({ SHUTDOWN_GRACE_MS: "300" }));
    live.child.stdin.write("/sms 447700900123 db1 is down\n");
    await until(() => simulator.requests.length === 1, 15_000);
    live.child.kill("SIGINT");
    expect(await live.exited).toEqual({ code: 0, signal: null });
    expect(live.stderr()).toMatch(/pages interrupted by the shutdown/);

    await simulator.setFault("none");
    const after = await runCli("/sms history\n", env());
    expect(after.stdout).toMatch(/"db1 is down": interrupted: state unknown, not resent/);
    expect(after.stderr).not.toMatch(/cut off by the last run/);
    expect(simulator.requests).toHaveLength(1);
  }, 40_000);
});

describe("secrets", () => {
  it("never writes the PIN to stdout, the log at trace level, or the database", async () => {
    const run = await runCli(
      [
        "/sms 447700900123,447700900115 db1 is down",
        "/sms 447700900103 second",
        "/sms history",
        "/sms status 447700900115",
        "/sms 07700900123 not international",
        "/sms help",
      ].join("\n"),
      env(),
    );
    // A command that is not valid (07700900123) outranks the failed numbers.
    expect(run.status).toBe(2);
    // The PIN did go where it belongs...
    // (two sends, and the balance read for the report of code 15)
    expect(simulator.requests.map((request) => [request.path, request.params.get("PIN")])).toEqual([
      ["/webservices/http/sendsms", PIN],
      ["/webservices/http/queryaccount", PIN],
      ["/webservices/http/sendsms", PIN],
    ]);
    expect(run.stderr.length).toBeGreaterThan(0);
    const bytes = databaseBytes(dataDir);
    expect(bytes).toContain("db1 is down");
    // ...and nowhere else.
    expect(run.stdout).not.toContain(PIN);
    expect(run.stderr).not.toContain(PIN);
    expect(bytes).not.toContain(PIN);
  }, 40_000);
});
