import { spawnSync } from "node:child_process";
import { chownSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { terminalUser } from "../../adapters/shell/user.js";
import { ROOT } from "../support/run-cli.js";

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

/** No passwd entry on this machine: what OpenShift and many Kubernetes set-ups hand a container. */
const UNKNOWN_UID = 12345;

// Only root may start a process as another user id.
describe.runIf(process.getuid?.() === 0)(
  "the terminal under a user id with no passwd entry",
  () => {
    it("pages, naming the user id as the sender", () => {
      const dataDir = mkdtempSync(join(tmpdir(), "csoft-chatops-data-"));
      chownSync(dataDir, UNKNOWN_UID, UNKNOWN_UID);
      const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: ROOT,
        uid: UNKNOWN_UID,
        gid: UNKNOWN_UID,
        input: "/sms 447700900123 hello\n",
        encoding: "utf8",
        env: { PATH: process.env.PATH ?? "", HOME: tmpdir(), DATA_DIR: dataDir },
        timeout: 30_000,
      });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`uid ${UNKNOWN_UID} paged 447700900123`);
      expect(run.stdout).toMatch(/447700900123 +code -2 /);
    }, 60_000);
  },
);
