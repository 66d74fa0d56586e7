// Each folder says what it owns where a reader lands first: its index.ts opens with a comment
// on it. The README's layout section names every folder, so the map stays true as folders move.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

function folders(dir: string): string[] {
  const below = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => folders(join(dir, entry.name)));
  return [dir, ...below];
}

const PRODUCTION = ["src", "adapters", "app"].flatMap((dir) => folders(join(ROOT, dir)));
/** adapters/ itself only holds one folder per adapter: each of those speaks for itself. */
const WITH_INDEX = PRODUCTION.filter((dir) => relative(ROOT, dir) !== "adapters");

/** The comment a file opens with (`//` lines or one `/** … *\/` block), as plain words. */
function openingComment(text: string): string {
  const block = /^\/\*\*?([\s\S]*?)\*\//.exec(text);
  if (block)
    return (block[1] ?? "")
      .replace(/^\s*\*/gm, " ")
      .replace(/\s+/g, " ")
      .trim();
  const lines: string[] = [];
  for (const line of text.split("\n")) {
    if (line.startsWith("#!")) continue;
    if (!line.startsWith("//")) break;
    lines.push(line.replace(/^\/\/\s?/, ""));
  }
  return lines.join(" ").replace(/\s+/g, " ").trim();
}

describe("each folder says what it owns", () => {
  it.each(WITH_INDEX.map((dir) => [relative(ROOT, dir), dir]))(
    "%s/index.ts opens with a comment on what the folder owns",
    (_name, dir) => {
      const index = join(dir, "index.ts");
      expect(existsSync(index)).toBe(true);
      const words = openingComment(readFileSync(index, "utf8")).split(" ");
      expect(words.length).toBeGreaterThanOrEqual(8);
    },
  );

  it("reads a header in either form", () => {
    expect(openingComment("// One.\n// Two three.\nexport {};")).toBe("One. Two three.");
    expect(openingComment("/**\n * Four five\n * six.\n */\nexport {};")).toBe("Four five six.");
    expect(openingComment('export { a } from "./a.js";')).toBe("");
  });
});

describe("the README's layout", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const layout = /### Layout\n\n```\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";

  it.each(PRODUCTION.map((dir) => [relative(ROOT, dir)]))("names %s/", (folder) => {
    const name = folder.split("/").at(-1) as string;
    expect(layout).toMatch(new RegExp(`^\\s*${name}/`, "m"));
  });
});
