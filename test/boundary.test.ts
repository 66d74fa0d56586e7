import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "src");
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
