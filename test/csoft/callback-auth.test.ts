import { describe, expect, it } from "vitest";
import { callbackCredentialsMatch } from "../../src/csoft/callback-auth.js";

const CONFIGURED = { username: "hooks", pin: "4417" };

describe("callback credentials", () => {
  it("accepts the configured Username and PIN", () => {
    expect(callbackCredentialsMatch({ username: "hooks", pin: "4417" }, CONFIGURED)).toBe(true);
  });

  it.each([
    ["a wrong PIN", { username: "hooks", pin: "4418" }],
    ["a wrong Username", { username: "hook", pin: "4417" }],
    ["a PIN that only starts like the right one", { username: "hooks", pin: "44170" }],
    ["a PIN in other letter case", { username: "HOOKS", pin: "4417" }],
    ["csoft's NULL for both", { username: "NULL", pin: "NULL" }],
    ["nothing at all", {}],
  ])("refuses %s", (_, given) => {
    expect(callbackCredentialsMatch(given, CONFIGURED)).toBe(false);
  });

  it("takes csoft's NULL to mean the empty value configured", () => {
    expect(callbackCredentialsMatch({ username: "NULL", pin: "NULL" }, {})).toBe(true);
    expect(
      callbackCredentialsMatch({ username: "hooks", pin: "NULL" }, { username: "hooks" }),
    ).toBe(true);
    expect(callbackCredentialsMatch({ username: "hooks", pin: "NULL" }, CONFIGURED)).toBe(false);
  });

  it("refuses a PIN where none was configured", () => {
    expect(callbackCredentialsMatch({ username: "NULL", pin: "4417" }, {})).toBe(false);
  });
});
