import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli } from "../support/run-cli.js";

/** Runs the program as a user does, with nothing in the environment but PATH and HOME. */
function npmStart(input: string) {
  const result = spawnSync("npm", ["start", "--silent"], {
    cwd: ROOT,
    input,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("npm start", () => {
  it("runs the demo on the embedded simulator with no environment at all", () => {
    const { status, stdout } = npmStart("/sms 447700900123 hello\n");
    expect(status).toBe(0);
    const [first] = stdout.split("\n");
    expect(first).toMatch(/simulator.*no real SMS/i);
    expect(stdout).toMatch(/447700900123 +code -2 .*id [0-9A-F]{8}/);
  });

  it("compiles only when a source changed", () => {
    const built = join(ROOT, "dist", "app", "main.js");
    expect(npmStart("").status).toBe(0);
    const first = statSync(built).mtimeMs;
    expect(npmStart("").status).toBe(0);
    expect(statSync(built).mtimeMs).toBe(first);
  }, 120_000);

  it("refuses chat credentials without csoft credentials, naming what to set", async () => {
    const { status, stdout, stderr } = await runCli("", {
      SLACK_BOT_TOKEN: "xoxb-secret-token",
      SLACK_SIGNING_SECRET: "signing-secret-value",
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/CSOFT_USERNAME and CSOFT_PIN.*CSOFT_SIMULATOR=true/);
    expect(stdout + stderr).not.toMatch(/xoxb-secret-token|signing-secret-value/);
  });

  it("lists every bad variable, one line each, and never echoes the PIN", async () => {
    const { status, stderr } = await runCli("", {
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: "918273",
      CSOFT_PRIMARY_URL: "http://www.csoft.co.uk/webservices/http/sendsms",
      LOG_LEVEL: "loud",
    });
    expect(status).toBe(2);
    expect(stderr).toMatch(/CSOFT_PRIMARY_URL .*https/);
    expect(stderr).toMatch(/LOG_LEVEL .*info/);
    expect(stderr).not.toContain("918273");
  });
});

describe("--adapter", () => {
  it("refuses an adapter it does not know, naming the ones it does", async () => {
    const { status, stderr } = await runCli("", {}, ["--adapter", "irc"]);
    expect(status).toBe(2);
    expect(stderr).toContain("--adapter must be one of shell, slack, discord");
  });
});
