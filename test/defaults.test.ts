import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../app/config.js";
import * as defaults from "../src/defaults.js";
import { carriesSecretsSafely, wholeNumber } from "../src/validate.js";

const README = readFileSync(join(import.meta.dirname, "..", "README.md"), "utf8");

/** The configuration table's row of a variable. */
function row(variable: string): string {
  const line = README.split("\n").find((l) => l.startsWith(`| \`${variable}\``));
  if (line === undefined) throw new Error(`the README has no row for ${variable}`);
  return line;
}

describe("the defaults, written once", () => {
  it.each([
    ["CSOFT_CONCURRENCY", `default ${defaults.DEFAULT_CONCURRENCY}`],
    ["CSOFT_CONNECT_TIMEOUT_MS", `default ${defaults.DEFAULT_CONNECT_TIMEOUT_MS}`],
    ["CSOFT_RESPONSE_TIMEOUT_MS", `default ${defaults.DEFAULT_RESPONSE_TIMEOUT_MS}`],
    ["CSOFT_FAILOVER_COOLDOWN_MS", `default ${defaults.DEFAULT_COOL_DOWN_MS}`],
    ["CSOFT_HEDGE_DELAY_MS", `default ${defaults.DEFAULT_HEDGE_DELAY_MS}`],
    ["PORT", `default ${defaults.DEFAULT_PORT}`],
    ["SMS_MAX_RECIPIENTS", `default ${defaults.DEFAULT_MAX_RECIPIENTS}`],
    ["SMS_RATE_LIMIT", `default \`${defaults.DEFAULT_RATE_LIMIT}\``],
    ["SMS_CONFIRM_ABOVE", `default ${defaults.DEFAULT_CONFIRM_ABOVE}`],
    ["SMS_MAX_IN_FLIGHT", `default ${defaults.DEFAULT_MAX_IN_FLIGHT}`],
    ["SHUTDOWN_GRACE_MS", `default ${defaults.DEFAULT_SHUTDOWN_GRACE_MS}`],
    ["CSOFT_PRIMARY_URL", `default \`${defaults.DEFAULT_PRIMARY_URL}\``],
    ["CSOFT_SECONDARY_URL", `default \`${defaults.DEFAULT_SECONDARY_URL}\``],
  ])("the README states %s's default as the code has it", (variable, text) => {
    expect(row(variable)).toContain(text);
  });

  it("are what an empty environment configures", () => {
    const config = loadConfig({});
    expect(config.csoft).toMatchObject({
      concurrency: defaults.DEFAULT_CONCURRENCY,
      connectTimeoutMs: defaults.DEFAULT_CONNECT_TIMEOUT_MS,
      responseTimeoutMs: defaults.DEFAULT_RESPONSE_TIMEOUT_MS,
      coolDownMs: defaults.DEFAULT_COOL_DOWN_MS,
      hedgeDelayMs: defaults.DEFAULT_HEDGE_DELAY_MS,
    });
    expect(config.port).toBe(defaults.DEFAULT_PORT);
    expect(config.paging).toMatchObject({
      dataDir: defaults.DEFAULT_DATA_DIR,
      confirmAbove: defaults.DEFAULT_CONFIRM_ABOVE,
      maxInFlight: defaults.DEFAULT_MAX_IN_FLIGHT,
      shutdownGraceMs: defaults.DEFAULT_SHUTDOWN_GRACE_MS,
      policy: expect.objectContaining({ maxRecipients: defaults.DEFAULT_MAX_RECIPIENTS }),
    });
  });
});

describe("the environment's rules", () => {
  it("reads a whole number within its bounds, with one wording for every variable", () => {
    const schema = wholeNumber(7, 10, 1);
    expect(schema.parse(undefined)).toBe(7);
    expect(schema.parse("10")).toBe(10);
    const problems = ["0", "11", "2.5", "lots"].map(
      (value) => schema.safeParse(value).error?.issues[0]?.message,
    );
    expect(problems).toEqual([
      "must be at least 1",
      "must be at most 10",
      "must be a whole number",
      "must be a whole number",
    ]);
  });

  it.each([
    ["https://www.csoft.co.uk/webservices/http/sendsms", true],
    ["http://127.0.0.1:8080/sendsms", true],
    ["http://localhost/sendsms", true],
    ["http://[::1]/sendsms", true],
    ["http://www.csoft.co.uk/webservices/http/sendsms", false],
    ["ftp://127.0.0.1/sendsms", false],
  ])("lets the PIN travel to %s: %s", (url, safe) => {
    expect(carriesSecretsSafely(new URL(url))).toBe(safe);
  });
});
