// What `npm pack` puts in the package, from a fresh checkout (no dist/): the compiled entries,
// the licence, source maps that carry their sources, and no tests.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, normalize, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
/** Not in a fresh clone: installed, built or local. */
const NOT_CHECKED_IN = new Set(["node_modules", "dist", ".git", "data", "coverage", ".env"]);

interface Pkg {
  license: string;
  bin: Record<string, string>;
  exports: Record<string, string | { types: string; default: string }>;
}

let checkout: string;
let packed: string[];

beforeAll(async () => {
  checkout = mkdtempSync(join(tmpdir(), "csoft-chatops-pack-"));
  cpSync(ROOT, checkout, {
    recursive: true,
    filter: (source) => !NOT_CHECKED_IN.has(relative(ROOT, source).split(/[\\/]/)[0] ?? ""),
  });
  symlinkSync(join(ROOT, "node_modules"), join(checkout, "node_modules"), "dir");
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json"], {
    cwd: checkout,
  });
  const [result] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  packed = result.files.map((file) => file.path);
}, 180_000);

afterAll(() => {
  rmSync(checkout, { recursive: true, force: true });
});

describe("npm pack from a fresh checkout", () => {
  it("builds first, and ships every entry, the bin, the licence and the README", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Pkg;
    const targets = Object.values(pkg.exports).flatMap((target) =>
      typeof target === "string" ? [target] : [target.types, target.default],
    );
    const expected = [...targets, ...Object.values(pkg.bin)].map((path) => normalize(path));
    for (const path of ["dist/src/index.js", "LICENSE", "README.md", ...expected]) {
      expect(packed, path).toContain(path);
    }
  });

  it("carries the MIT licence that package.json names", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Pkg;
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(
      /^MIT License\n\nCopyright \(c\) \d{4} csoft-chatops contributors\n/,
    );
  });

  it("ships no source map without its source", () => {
    const maps = packed.filter((path) => path.endsWith(".map"));
    const orphans = maps.flatMap((map) => {
      const { sources, sourcesContent = [] } = JSON.parse(
        readFileSync(join(checkout, map), "utf8"),
      ) as { sources: string[]; sourcesContent?: (string | null)[] };
      return sources.filter(
        (source, index) =>
          typeof sourcesContent[index] !== "string" &&
          !packed.includes(normalize(join(dirname(map), source))),
      );
    });
    expect(orphans).toEqual([]);
  });

  it("ships no tests, benchmarks or TypeScript sources", () => {
    const unwanted = packed.filter(
      (path) =>
        /(^|\/)(test|bench)\//.test(path) ||
        /\.test\./.test(path) ||
        (path.endsWith(".ts") && !path.endsWith(".d.ts")),
    );
    expect(unwanted).toEqual([]);
  });
});
