// The package's entries point at compiled files; each must come from a source that exists and
// exposes what the README promises.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  main: string;
  types: string;
  exports: Record<string, string | { types: string; default: string }>;
};

/** `./dist/adapters/slack/index.js` is compiled from `adapters/slack/index.ts`. */
const sourceOf = (target: string) =>
  target.replace(/^\.\/dist\//, "").replace(/\.(d\.ts|js)$/, ".ts");

const ENTRIES = {
  ".": [
    "createPager",
    "openSqliteStore",
    "openStore",
    "CsoftClient",
    "startSimulator",
    "createMetrics",
    "healthRoutes",
    "ChatopsError",
  ],
  "./slack": ["registerSmsCommand", "startSlack", "createSlackApp"],
  "./discord": ["attachSmsCommand", "commandDefinitions", "registerCommands", "startDiscord"],
} as const;

describe("package.json exports", () => {
  it.each(Object.entries(ENTRIES))(
    "%s comes from a source that exports %j",
    async (entry, names) => {
      const target = pkg.exports[entry];
      if (typeof target !== "object") throw new Error(`${entry} has no conditional export`);
      expect(sourceOf(target.types)).toBe(sourceOf(target.default));
      const source = join(ROOT, sourceOf(target.default));
      expect(existsSync(source)).toBe(true);
      const module = (await import(source)) as Record<string, unknown>;
      for (const name of names) expect(typeof module[name], name).toBe("function");
    },
  );

  it("keeps main and types on the core entry, for tools that ignore exports", () => {
    const core = pkg.exports["."];
    expect(core).toEqual({ types: pkg.types, default: pkg.main });
  });

  it("keeps chat SDKs out of the core entry", () => {
    const core = readFileSync(join(ROOT, "src", "index.ts"), "utf8");
    expect(core).not.toMatch(/from\s+["'](@slack\/|discord\.js|\.\.\/adapters\/)/);
  });
});
