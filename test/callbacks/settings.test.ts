import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config.js";

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
};

describe("CSOFT_CALLBACK_USERNAME and CSOFT_CALLBACK_PIN", () => {
  it("turns the callbacks on with both, and leaves them off with neither", () => {
    const on = loadConfig({ CSOFT_CALLBACK_USERNAME: "hooks", CSOFT_CALLBACK_PIN: "s3cret" });
    expect(on.account.callbacks).toEqual({ username: "hooks", pin: "s3cret" });
    expect(loadConfig({}).account.callbacks).toBeUndefined();
  });

  it("refuses one without the other, naming the one missing", () => {
    expect(problems({ CSOFT_CALLBACK_USERNAME: "hooks" })).toEqual([
      expect.stringMatching(/^CSOFT_CALLBACK_PIN is missing/),
    ]);
  });

  it("refuses more than csoft's screen takes, without quoting the value", () => {
    const pin = "x".repeat(21);
    const found = problems({ CSOFT_CALLBACK_USERNAME: "hooks", CSOFT_CALLBACK_PIN: pin });
    expect(found).toEqual([expect.stringContaining("CSOFT_CALLBACK_PIN must be at most 20")]);
    expect(found.join("")).not.toContain(pin);
  });
});
