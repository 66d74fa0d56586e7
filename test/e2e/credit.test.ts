import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { freePort, runCli } from "../support/run-cli.js";

let simulator: Simulator | undefined;
afterEach(() => simulator?.close());

describe("/sms credit at the terminal", () => {
  it("tells the demo account's balance from the embedded simulator", async () => {
    const { status, stdout } = await runCli("/sms credit\n", {});
    expect(status).toBe(0);
    expect(stdout).toContain("csoft credit: GBP 15.23 (answered by the primary server)");
  });

  it("asks the configured secondary when the primary refuses connections", async () => {
    simulator = await startSimulator({ username: "ops.1", pin: "918273" });
    const { status, stdout, stderr } = await runCli("credit\n", {
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: "918273",
      CSOFT_PRIMARY_URL: `http://127.0.0.1:${await freePort()}/webservices/http/sendsms`,
      CSOFT_SECONDARY_URL: simulator.url,
    });
    expect(status).toBe(0);
    expect(stdout).toContain(
      "csoft credit: GBP 15.23 (answered by the secondary server: the primary could not be reached)",
    );
    expect(simulator.requests.map((request) => request.body)).toEqual([
      "Username=ops.1&PIN=918273&AvailableCredit=",
    ]);
    expect(stdout + stderr).not.toContain("918273");
  });
});

describe("credit around a page at the terminal", () => {
  it("opens the report of a page refused for want of credit with the balance", async () => {
    const { status, stdout } = await runCli("/sms 447700900015 db1 is down\n", {});
    expect(status).toBe(1);
    const thread = stdout.split("\n").filter((line) => line.startsWith("  │ "));
    expect(thread[0]).toBe(
      "  │ OUT OF CREDIT: csoft refused 1 number with code 15; they were not sent. csoft credit: GBP 15.23. Top up the csoft account, then page them again.",
    );
    expect(thread[1]).toMatch(/^ {2}│ FAILED +447700900015 +code 15 /);
  });

  it("warns in the thread and the log after a page when the balance is below CSOFT_LOW_CREDIT", async () => {
    const { status, stdout, stderr } = await runCli("/sms 447700900042 db1 is down\n", {
      CSOFT_LOW_CREDIT: "100",
    });
    expect(status).toBe(0);
    const thread = stdout.split("\n").filter((line) => line.startsWith("  │ "));
    expect(thread.at(-1)).toBe(
      "  │ Low csoft credit: GBP 15.23, below GBP 100.00 (CSOFT_LOW_CREDIT). Top up the csoft account before pages fail with code 15 (out of credit).",
    );
    expect(stderr).toContain('"msg":"csoft credit is low"');
  });
});
