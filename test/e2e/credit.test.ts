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
