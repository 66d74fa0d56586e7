// The exit status of the program as scripts and cron jobs see it: the worst outcome decides.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { ROOT, runCli } from "../support/run-cli.js";

const ACCEPTED = "/sms 447700900123 db1 is down";
/** The simulator answers a number ending in 03 with report code 3, invalid number. */
const FAILED = "/sms 447700900103 db1 is down";
const INVALID = "/sms 07700900123 not international";

/** Runs lines through the demo: the embedded simulator, nothing configured. */
function demo(...lines: string[]) {
  return runCli(lines.map((line) => `${line}\n`).join(""), {});
}

describe("the exit status of a piped run", () => {
  it("is 0 when every page is accepted, or when there is nothing to send", async () => {
    expect((await demo(ACCEPTED, "/sms help", "/sms who 447700900123")).status).toBe(0);
    expect((await demo()).status).toBe(0);
  }, 40_000);

  it("is 1 when a number failed, even after accepted pages", async () => {
    const run = await demo(ACCEPTED, FAILED, ACCEPTED);
    expect(run.stdout).toMatch(/FAILED +447700900103 +code 3 /);
    expect(run.status).toBe(1);
  }, 40_000);

  it("is 1 when a page is refused: a large page piped without --yes", async () => {
    const numbers = Array.from({ length: 11 }, (_, i) => 447700900200 + i);
    const run = await demo(`/sms ${numbers.join(",")} db1 is down`);
    expect(run.stdout).toContain("--yes");
    expect(run.status).toBe(1);
  }, 40_000);

  it("is 2 when a command is not valid, outranking a failed number", async () => {
    const run = await demo(INVALID, FAILED);
    expect(run.stdout).toContain("not an international number");
    expect(run.stdout.match(/ paged /g)).toHaveLength(1);
    expect(run.status).toBe(2);
  }, 40_000);
});

describe("the exit status when csoft's answer is lost", () => {
  let simulator: Simulator;
  beforeAll(async () => {
    simulator = await startSimulator({ username: "ops.1", pin: "918273" });
    await simulator.setFault("drop");
  });
  afterAll(() => simulator.close());

  it("is 3, outranking an invalid command", async () => {
    const run = await runCli(`${ACCEPTED}\n${INVALID}\n`, {
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: "918273",
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
    });
    expect(run.stdout).toMatch(/UNKNOWN +447700900123/);
    expect(run.status).toBe(3);
  }, 40_000);
});

describe("usage", () => {
  it("is 2 for an option it does not know, pointing to --help", async () => {
    const run = await runCli("", {}, ["--adaptor", "shell"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "Unknown option '--adaptor'\nRun csoft-chatops --help for the options.\n",
    );
    expect(run.stdout).toBe("");
  });

  it("--help prints the usage with the exit statuses, exits 0, and starts nothing", async () => {
    const run = await runCli("", {}, ["--help"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Usage: csoft-chatops \[--adapter shell\|slack\|discord\]\n/);
    expect(run.stdout).toContain(".env.example");
    for (const status of [0, 1, 2, 3]) expect(run.stdout).toMatch(new RegExp(`\n  ${status}  `));
    expect(run.stdout).not.toMatch(/simulator at http/);
  });

  it("--version prints the package's version alone and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
      version: string;
    };
    const run = await runCli("", {}, ["--version"]);
    expect(run).toEqual({ status: 0, stdout: `${version}\n`, stderr: "" });
  });
});
