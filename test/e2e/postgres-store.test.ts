// The whole program on PostgreSQL: DATABASE_URL moves the store there, whatever DATA_DIR says.
import { afterEach, beforeEach, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { until } from "../support/manual-timer.js";
import { describePostgres, TEST_DATABASE_URL } from "../support/postgres.js";
import { runCli, spawnCli } from "../support/run-cli.js";

const PIN = "6543217";
const USERNAME = "ops.e2e";
/** The test server trusts every connection: the password is there only to be kept out of logs. */
const PASSWORD = "hunter2-not-logged";

let simulator: Simulator;
beforeEach(async () => {
  simulator = await startSimulator({ username: USERNAME, pin: PIN });
});
afterEach(() => simulator.close());

describePostgres("the program with DATABASE_URL", (schema) => {
  const env = () => {
    const url = new URL(TEST_DATABASE_URL);
    url.password = PASSWORD;
    url.searchParams.set("options", `-c search_path=${schema()}`);
    return {
      CSOFT_USERNAME: USERNAME,
      CSOFT_PIN: PIN,
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
      DATABASE_URL: url.toString(),
      LOG_LEVEL: "trace",
    };
  };

  it("keeps the history in PostgreSQL, seen by the next run from another data folder, and never logs the password", async () => {
    const first = await runCli("/sms 447700900123 db1 is down\n", env());
    expect(first.status).toBe(0);
    // runCli gives each run a fresh DATA_DIR: only the database can carry the page across.
    const second = await runCli("/sms history\n", env());
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/#1 .* shell .*447700900123 "db1 is down"/);
    expect(simulator.requests).toHaveLength(1);
    for (const run of [first, second]) {
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    }
  }, 40_000);

  it("marks the page of a replica killed while sending it interrupted, from a survivor, and never resends it", async () => {
    const lease = { REPLICA_LEASE_MS: "1500" };
    const survivor = spawnCli({ ...env(), ...lease });
    await survivor.waitForLog(/replica holds its lease on PostgreSQL/);
    await simulator.setFault("hang");
    const killed = spawnCli({ ...env(), ...lease });
    killed.child.stdin.write("/sms 447700900124 db2 is down\n");
    await until(() => simulator.requests.length === 1, 20_000);
    killed.child.kill("SIGKILL");
    expect((await killed.exited).signal).toBe("SIGKILL");

    await survivor.waitForLog(/stopped renewing its lease marked interrupted/);
    await simulator.setFault("none");
    const history = await runCli("/sms history\n", env());
    expect(history.stdout).toMatch(
      /#2 .* shell .*447700900124 "db2 is down": interrupted: state unknown, not resent/,
    );
    await survivor.stop();
    expect(simulator.requests).toHaveLength(1);
  }, 60_000);
});
