// Reads TypeScript source the way the structural tests need it, without a compiler API: comments
// out, strings kept or blanked, and where each function's body begins and ends.

import { readdirSync } from "node:fs";
import { join } from "node:path";

/** Every .ts file under `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

export interface Scanned {
  /** The source without comments; strings, template literals and regular expressions kept. */
  code: string;
  /** As `code`, with the inside of every string, template and regex blanked (newlines kept). */
  skeleton: string;
}

/** A `/` after one of these (or at the start) opens a regular expression, not a division. */
const BEFORE_REGEX = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase|\bin|\bof)\s*$/;

/** Strips comments and, in the skeleton, the content of literals; line numbers are preserved. */
export function scanSource(text: string): Scanned {
  let code = "";
  let skeleton = "";
  const emit = (kept: string, blanked = kept) => {
    code += kept;
    skeleton += blanked;
  };
  const blank = (s: string) => s.replace(/[^\n]/g, " ");
  /** Open template literals, each with the brace depth of its current `${ … }`. */
  const templates: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    const next = text[i + 1];
    if (c === "/" && next === "/") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && next === "*") {
      const end = text.indexOf("*/", i + 2);
      const comment = text.slice(i, end < 0 ? text.length : end + 2);
      emit(comment.replace(/[^\n]/g, ""));
      i += comment.length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      const literal = text.slice(i, j + 1);
      emit(literal, `${c}${blank(literal.slice(1, -1))}${c}`);
      i = j + 1;
    } else if (c === "`" || (c === "}" && templates.at(-1) === 0)) {
      if (c === "}") templates.pop();
      let j = i + 1;
      while (j < text.length && text[j] !== "`" && !(text[j] === "$" && text[j + 1] === "{")) {
        j += text[j] === "\\" ? 2 : 1;
      }
      const opensExpression = text[j] === "$";
      const end = opensExpression ? j + 2 : j + 1;
      const literal = text.slice(i, end);
      emit(
        literal,
        `${c}${blank(literal.slice(1, opensExpression ? -2 : -1))}${opensExpression ? "${" : "`"}`,
      );
      if (opensExpression) templates.push(0);
      i = end;
    } else if (c === "/" && BEFORE_REGEX.test(code)) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== "\n" && (text[j] !== "/" || inClass)) {
        if (text[j] === "[") inClass = true;
        else if (text[j] === "]") inClass = false;
        j += text[j] === "\\" ? 2 : 1;
      }
      const literal = text.slice(i, j + 1);
      emit(literal, `/${blank(literal.slice(1, -1))}/`);
      i = j + 1;
    } else {
      if (templates.length > 0 && c === "{") templates.push((templates.pop() as number) + 1);
      if (templates.length > 0 && c === "}") templates.push((templates.pop() as number) - 1);
      emit(c);
      i++;
    }
  }
  return { code, skeleton };
}

/** A block that is a function's body: the line of its `{` and of its `}` (1-based). */
export interface FunctionSpan {
  name: string;
  startLine: number;
  endLine: number;
  lines: number;
}

const NOT_FUNCTIONS = new Set(["if", "for", "while", "switch", "catch", "with"]);
/** What stands between a function's `)` and its `{`: nothing, or a return type without braces. */
const AFTER_PARAMETERS = /\)\s*(?::\s*[^{};=]*?)?\s*$/;

function matchingOpen(text: string, close: number): number {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    if (text[k] === ")") depth++;
    else if (text[k] === "(" && --depth === 0) return k;
  }
  return -1;
}

/** The name a function block is known by, or undefined when the block is not a function's. */
function functionName(skeleton: string, open: number): string | undefined {
  const before = skeleton.slice(Math.max(0, open - 400), open);
  if (/=>\s*$/.test(before)) return "(arrow)";
  const match = AFTER_PARAMETERS.exec(before);
  if (!match) return undefined;
  const offset = open - before.length;
  const start = matchingOpen(skeleton, offset + match.index);
  if (start < 0) return undefined;
  const word = /([\w$#]+)\s*(?:<[^()]*>)?\s*$/.exec(
    skeleton.slice(Math.max(0, start - 200), start),
  );
  const name = word?.[1] ?? "(anonymous)";
  return NOT_FUNCTIONS.has(name) ? undefined : name;
}

/** Every function body in the skeleton, with its length in lines from `{` to `}`. */
export function functionSpans(skeleton: string): FunctionSpan[] {
  const spans: FunctionSpan[] = [];
  const stack: { open: number; name: string | undefined }[] = [];
  const lineAt = (index: number) => skeleton.slice(0, index).split("\n").length;
  for (let i = 0; i < skeleton.length; i++) {
    if (skeleton[i] === "{") stack.push({ open: i, name: functionName(skeleton, i) });
    else if (skeleton[i] === "}") {
      const block = stack.pop();
      if (block?.name === undefined) continue;
      const startLine = lineAt(block.open);
      const endLine = lineAt(i);
      spans.push({ name: block.name, startLine, endLine, lines: endLine - startLine + 1 });
    }
  }
  return spans;
}
