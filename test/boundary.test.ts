// The shape of the tree, held by CI: a core that names no platform, one door for adapters, and
// only the composition root (app/) reading the process's environment.
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { scanSource, sourceFiles } from "./support/source-scan.js";

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "src");
const ADAPTERS = join(ROOT, "adapters");

function importLines(source: string): string[] {
  return source.split("\n").filter((line) => /\bfrom\s+["']|import\(\s*["']|require\(/.test(line));
}

/**
 * The core imports no adapter, not the composition root, and no chat SDK (nor ws, which only
 * a chat's socket needs). Every file of src/ is held to it: there is no exception.
 */
const FORBIDDEN_IMPORTS = [
  /["']@slack\//,
  /["']discord\.js["']/,
  /["']@discordjs\//,
  /["']ws["']/,
  /["'](\.\.\/)+adapters\//,
  /["'](\.\.\/)+app\//,
];

/**
 * No platform is named in the core's code: not in an identifier (`bySlackId`), a string
 * (`"discord"`), a template or a regular expression. Comments are not held to it: a comment may
 * explain a generic rule by a platform's example ("a Slack trigger id") without the core
 * depending on that platform, and the rule is about what the core does, not how it is explained.
 */
const PLATFORM_NAMES = /slack|discord/i;

const offendingImports = (source: string) =>
  importLines(source).filter((line) => FORBIDDEN_IMPORTS.some((pattern) => pattern.test(line)));

const platformLines = (source: string) =>
  scanSource(source)
    .code.split("\n")
    .filter((line) => PLATFORM_NAMES.test(line));

describe("the core's boundary", () => {
  const files = sourceFiles(SRC);

  it("reads the core's sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [relative(SRC, file), file]))(
    "%s imports no adapter, no composition root and no chat SDK",
    (_name, file) => {
      expect(offendingImports(readFileSync(file, "utf8"))).toEqual([]);
    },
  );

  it.each(files.map((file) => [relative(SRC, file), file]))(
    "%s names no platform in its code",
    (_name, file) => {
      expect(platformLines(readFileSync(file, "utf8"))).toEqual([]);
    },
  );

  it("would catch an adapter, an SDK or the composition root imported", () => {
    const sample = [
      'import { startSlack } from "../adapters/slack/index.js";',
      'import { App } from "@slack/bolt";',
      'import { Client } from "discord.js";',
      'import { REST } from "@discordjs/rest";',
      'import { loadConfig } from "../app/config.js";',
      'import { z } from "zod";',
    ].join("\n");
    expect(offendingImports(sample)).toHaveLength(5);
  });

  it("would catch a platform named in code, but not in a comment", () => {
    // A template literal with a placeholder, built so that it is not one here.
    const KEY_LINE = ["export const key = (id: string) => `slack:$", "{id}`;"].join("");
    const sample = [
      "// A request key such as slack:<trigger_id>.",
      "/** Discord roles, for example. */",
      KEY_LINE,
      'if (actor.platform === "discord") return;',
      "directory.bySlackId(id);",
      "const platform = actor.platform; // not slack-specific",
    ].join("\n");
    expect(platformLines(sample)).toEqual([
      KEY_LINE,
      'if (actor.platform === "discord") return;',
      "directory.bySlackId(id);",
    ]);
  });
});

/**
 * Adapters reach the core through one door, src/kit.ts, so that the core's layout can change
 * behind it without touching an adapter; and they do not reach into the composition root.
 */
const DEEP_CORE_IMPORT = /["'](?:\.\.?\/)+src\/(?!kit\.js["'])[^"']*["']/;
const APP_IMPORT = /["'](?:\.\.\/)+app\//;

describe("the adapters' door into the core", () => {
  const files = sourceFiles(ADAPTERS);

  it("reads the adapters' sources", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((file) => [relative(ROOT, file), file]))(
    "%s imports from src/ only through src/kit.ts, and nothing from app/",
    (_name, file) => {
      const offending = importLines(readFileSync(file, "utf8")).filter(
        (line) => DEEP_CORE_IMPORT.test(line) || APP_IMPORT.test(line),
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
      'import { loadConfig } from "../../app/config.js";',
    ].join("\n");
    const offending = importLines(sample).filter(
      (line) => DEEP_CORE_IMPORT.test(line) || APP_IMPORT.test(line),
    );
    expect(offending).toHaveLength(3);
  });
});

/**
 * Only the composition root (app/) reads the process's environment; every other module is
 * handed the values it needs, so that a test sets them by passing arguments, not by mutating
 * globals. No file of src/ or adapters/ is an exception.
 */
const PROCESS_ENV = /\bprocess\s*\.\s*env\b|\bprocess\s*\[\s*["']env["']\s*\]/;

describe("the environment", () => {
  const files = [...sourceFiles(SRC), ...sourceFiles(ADAPTERS)].map((file) => relative(ROOT, file));

  it.each(files)("%s does not read process.env", (file) => {
    expect(PROCESS_ENV.test(readFileSync(join(ROOT, file), "utf8"))).toBe(false);
  });

  it("is read by the composition root", () => {
    expect(PROCESS_ENV.test(readFileSync(join(ROOT, "app", "main.ts"), "utf8"))).toBe(true);
  });

  it("would catch a module reading process.env", () => {
    expect(PROCESS_ENV.test('const level = process.env.LOG_LEVEL ?? "info";')).toBe(true);
    expect(PROCESS_ENV.test("const { NO_COLOR } = process . env;")).toBe(true);
    expect(PROCESS_ENV.test('const env = process["env"];')).toBe(true);
  });
});
