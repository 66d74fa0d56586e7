import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../app/config.js";
import { DEFAULT_SIMULATOR_RECEIPT_DELAY_MS } from "../src/defaults.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("the account settings", () => {
  it("have no callbacks, no low-credit warning and the default receipt delay when unset", () => {
    expect(loadConfig({}).account).toEqual({
      simulatorReceiptDelayMs: DEFAULT_SIMULATOR_RECEIPT_DELAY_MS,
    });
  });

  it("read the callback credentials, the low-credit amount and the receipt delay", () => {
    const { account } = loadConfig({
      CSOFT_CALLBACK_USERNAME: "hooks",
      CSOFT_CALLBACK_PIN: "c4llb4ck",
      CSOFT_LOW_CREDIT: "12.50",
      SIMULATOR_RECEIPT_DELAY_MS: "0",
    });
    expect(account).toEqual({
      callbacks: { username: "hooks", pin: "c4llb4ck" },
      lowCredit: 12.5,
      simulatorReceiptDelayMs: 0,
    });
  });

  it("refuse an amount that is not one, and a delay beyond ten minutes, in one go", () => {
    expect(problemsOf({ CSOFT_LOW_CREDIT: "£5", SIMULATOR_RECEIPT_DELAY_MS: "600001" })).toEqual([
      "CSOFT_LOW_CREDIT must be an amount, e.g. 5 or 12.50",
      "SIMULATOR_RECEIPT_DELAY_MS must be at most 600000",
    ]);
  });
});
