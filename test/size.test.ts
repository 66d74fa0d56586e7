// Small modules with one job: no production file over 300 lines, no production function over 80.
// Production is what ships or runs the bot: src/, adapters/ and app/ (not test/ nor bench/).
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { functionSpans, scanSource, sourceFiles } from "./support/source-scan.js";

const ROOT = join(import.meta.dirname, "..");
const MAX_FILE_LINES = 300;
/** Counted from the line of the body's `{` to that of its `}`: a closure counts whole. */
const MAX_FUNCTION_LINES = 80;

const files = ["src", "adapters", "app"].flatMap((dir) => sourceFiles(join(ROOT, dir)));

function lineCount(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

function longFunctions(text: string): string[] {
  return functionSpans(scanSource(text).skeleton)
    .filter((span) => span.lines > MAX_FUNCTION_LINES)
    .map((span) => `${span.name} (line ${span.startLine}): ${span.lines} lines`);
}

describe("production size", () => {
  it("reads every production source", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))(
    `%s has at most ${MAX_FILE_LINES} lines, and no function over ${MAX_FUNCTION_LINES}`,
    (_name, file) => {
      const text = readFileSync(file, "utf8");
      expect(lineCount(text)).toBeLessThanOrEqual(MAX_FILE_LINES);
      expect(longFunctions(text)).toEqual([]);
    },
  );

  it("finds functions of every form, and only functions", () => {
    const body = (n: number) => Array.from({ length: n }, () => "  step();").join("\n");
    const sample = [
      `function declared(a: string): Promise<void> {\n${body(3)}\n}`,
      `const arrow = async (a: number) => {\n${body(2)}\n};`,
      `class K {\n  async #method(x: { a: string }): Promise<number> {\n${body(1)}\n  }\n}`,
      `if (ready) {\n${body(90)}\n}`,
      ["const text = `not a block: { $", '{"}"} }`;'].join(""),
      "const pattern = /[{]/; // nor { this",
      `export function generic<T>(items: readonly T[]): T[] {\n${body(81)}\n}`,
    ].join("\n");
    const spans = functionSpans(scanSource(sample).skeleton);
    expect(spans.map((span) => [span.name, span.lines])).toEqual([
      ["declared", 5],
      ["(arrow)", 4],
      ["#method", 3],
      ["generic", 83],
    ]);
    expect(longFunctions(sample)).toEqual(["generic (line 109): 83 lines"]);
  });
});
