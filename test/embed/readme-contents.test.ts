// The README is the package's manual: its contents list must reach every section, and every
// link inside it must land on a heading that exists.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const README = readFileSync(join(import.meta.dirname, "..", "..", "README.md"), "utf8");
/** Headings only: a `#` line inside a fenced code block is a shell comment. */
const prose = README.replace(/^```[\s\S]*?^```/gm, "");
const headings = [...prose.matchAll(/^(#{2,6}) (.+)$/gm)].map(([, hashes, text]) => ({
  level: hashes?.length ?? 0,
  text: text ?? "",
}));

/** GitHub's anchor for a heading: its rendered text, lower-cased, punctuation dropped, dashed. */
function slug(heading: string): string {
  return heading
    .replace(/`/g, "")
    .replace(/(^|\s)_(.+?)_(?=\s|$)/g, "$1$2")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** Anchors in document order; a repeated heading gets -1, -2… as on GitHub. */
function anchors(): Set<string> {
  const seen = new Map<string, number>();
  const all = new Set<string>();
  for (const { text } of headings) {
    const base = slug(text);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    all.add(count === 0 ? base : `${base}-${count}`);
  }
  return all;
}

describe("README", () => {
  it("lists every ## section, in order, before the first one", () => {
    const contents = README.slice(0, README.indexOf("\n## "));
    const listed = [...contents.matchAll(/^- \[.+\]\(#(.+)\)$/gm)].map(([, anchor]) => anchor);
    const sections = headings.filter(({ level }) => level === 2).map(({ text }) => slug(text));
    expect(listed).toEqual(sections);
  });

  it("links only to headings that exist", () => {
    const targets = [...README.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor);
    expect(targets.length).toBeGreaterThan(0);
    const known = anchors();
    expect(targets.filter((target) => !known.has(target ?? ""))).toEqual([]);
  });
});
