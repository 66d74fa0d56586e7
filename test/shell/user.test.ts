import { describe, expect, it } from "vitest";
import { terminalUser } from "../../adapters/shell/user.js";

/** What os.userInfo() does under a user id with no passwd entry. */
function noPasswdEntry(): never {
  throw Object.assign(
    new Error(
      "A system error occurred: uv_os_get_passwd returned ENOENT (no such file or directory)",
    ),
    { code: "ERR_SYSTEM_ERROR" },
  );
}

describe("terminalUser", () => {
  it("is the account's name when the system knows it", () => {
    expect(terminalUser(() => ({ username: "alice" }), { USER: "bob" }, 1000)).toBe("alice");
  });

  it("falls back to USER, then LOGNAME, then the user id, when the user id has no passwd entry", () => {
    expect(terminalUser(noPasswdEntry, { USER: "bob", LOGNAME: "carol" }, 1000)).toBe("bob");
    expect(terminalUser(noPasswdEntry, { LOGNAME: "carol" }, 1000)).toBe("carol");
    expect(terminalUser(noPasswdEntry, {}, 1000680000)).toBe("uid 1000680000");
  });
});
