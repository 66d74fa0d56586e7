import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "src");
/** The composition root wires adapters to the core; every other file in src/ is platform-neutral. */
const COMPOSITION_ROOT = "main.ts";
const FORBIDDEN = [/["']@slack\//, /["']discord\.js["']/, /["'](\.\.\/)+adapters\//, /["']ws["']/];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

function importLines(source: string): string[] {
  return source.split("\n").filter((line) => /\bfrom\s+["']|import\(\s*["']|require\(/.test(line));
}

describe("the core's boundary", () => {
  const files = sourceFiles(SRC).filter((file) => relative(SRC, file) !== COMPOSITION_ROOT);

  it("reads the core's sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [relative(SRC, file), file]))(
    "%s imports no adapter and no chat SDK",
    (_name, file) => {
      const offending = importLines(readFileSync(file, "utf8")).filter((line) =>
        FORBIDDEN.some((pattern) => pattern.test(line)),
      );
      expect(offending).toEqual([]);
    },
  );

  it("would catch an adapter import", () => {
    const sample =
      'import { startSlack } from "../adapters/slack/index.js";\nimport { App } from "@slack/bolt";';
    const offending = importLines(sample).filter((line) => FORBIDDEN.some((p) => p.test(line)));
    expect(offending).toHaveLength(2);
  });
});

/**
 * Adapters reach the core through one door, src/kit.ts, so that the core's layout can change
 * behind it without touching an adapter.
 */
const ADAPTERS = join(ROOT, "adapters");
const DEEP_CORE_IMPORT = /["'](?:\.\.?\/)+src\/(?!kit\.js["'])[^"']*["']/;

describe("the adapters' door into the core", () => {
  const files = sourceFiles(ADAPTERS);

  it("reads the adapters' sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))(
    "%s imports from src/ only through src/kit.ts",
    (_name, file) => {
      const offending = importLines(readFileSync(file, "utf8")).filter((line) =>
        DEEP_CORE_IMPORT.test(line),
      );
      expect(offending).toEqual([]);
    },
  );

  it("would catch a deep import of the core", () => {
    const sample = [
      'import type { Logger } from "../../src/log.js";',
      'import { InFlight } from "../../src/page/in-flight.js";',
      'import { ChatopsError, type Pager } from "../../src/kit.js";',
      'import { App } from "@slack/bolt";',
      'import { DISCORD_LIMITS } from "./limits.js";',
    ].join("\n");
    const offending = importLines(sample).filter((line) => DEEP_CORE_IMPORT.test(line));
    expect(offending).toHaveLength(2);
  });
});

/**
 * Only the programs' entry points read the process's environment; every other module is handed
 * the values it needs, so that a test sets them by passing arguments, not by mutating globals.
 */
const ENV_READERS = ["src/main.ts", "adapters/discord/register-cli.ts"];
const PROCESS_ENV = /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*["']env["']\s*\]/;

describe("the environment", () => {
  const files = [...sourceFiles(SRC), ...sourceFiles(join(ROOT, "adapters"))]
    .map((file) => relative(ROOT, file))
    .filter((file) => !ENV_READERS.includes(file));

  it.each(files)("%s does not read process.env", (file) => {
    expect(PROCESS_ENV.test(readFileSync(join(ROOT, file), "utf8"))).toBe(false);
  });

  it("would catch a module reading process.env", () => {
    expect(PROCESS_ENV.test('const level = process.env.LOG_LEVEL ?? "info";')).toBe(true);
    expect(PROCESS_ENV.test("const { NO_COLOR } = process . env;")).toBe(true);
    expect(PROCESS_ENV.test('const env = process["env"];')).toBe(true);
  });
});
