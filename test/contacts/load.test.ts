import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contactIdFields } from "../../app/adapters.js";
import { ContactsError, parseDirectory as parseWithFields } from "../../src/contacts/load.js";

/** With the id fields of the adapters the program is built with (slack:, discord:). */
const parseDirectory = (text: string, path: string) =>
  parseWithFields(text, path, contactIdFields());

const EXAMPLE = readFileSync(
  join(import.meta.dirname, "..", "..", "contacts.example.yaml"),
  "utf8",
);

function problemsOf(text: string): string[] {
  try {
    parseDirectory(text, "contacts.yaml");
  } catch (error) {
    if (error instanceof ContactsError) return error.problems;
    throw error;
  }
  throw new Error("expected a ContactsError");
}

describe("parseDirectory", () => {
  const directory = parseDirectory(EXAMPLE, "contacts.example.yaml");
  const phones = (name: string) => directory.lookup(name)?.map((person) => person.phone);

  it("reads the example: people with normalised phones", () => {
    expect(directory.lookup("alice")).toEqual([
      {
        name: "alice",
        phone: "447700900001",
        ids: { slack: "U0ALICE", discord: "100000000000000005" },
      },
    ]);
    expect(phones("bob")).toEqual(["447700900002"]);
  });

  it("looks names up case-insensitively", () => {
    expect(phones("ALICE")).toEqual(["447700900001"]);
    expect(phones("DB-OnCall")).toEqual(["447700900001", "447700900002"]);
  });

  it("flattens nested groups, each person once", () => {
    expect(phones("everyone")).toEqual(["447700900001", "447700900002", "447700900003"]);
  });

  it("finds people by their id on a platform", () => {
    expect(directory.byId("slack", "U0ALICE")?.name).toBe("alice");
    expect(directory.byId("discord", "100000000000000005")?.name).toBe("alice");
    expect(directory.byId("slack", "U0NOBODY")).toBeUndefined();
    expect(directory.byId("discord", "U0ALICE")).toBeUndefined();
  });

  it("reads ids under ids:, the same as the shorthand beside phone:", () => {
    const nested = parseDirectory(
      "people:\n  a: { phone: '447700900001', ids: { slack: U0A, discord: '100000000000000005' } }\n",
      "contacts.yaml",
    );
    expect(nested.lookup("a")?.[0]?.ids).toEqual({ slack: "U0A", discord: "100000000000000005" });
    expect(nested.byId("slack", "U0A")?.name).toBe("a");
  });

  it("refuses an id given twice with different values, and an unknown platform under ids:", () => {
    expect(
      problemsOf("people:\n  a: { phone: '447700900001', slack: U0A, ids: { slack: U0B } }\n"),
    ).toEqual([expect.stringMatching(/^contacts\.yaml:2: a's slack is given twice/)]);
    expect(problemsOf("people:\n  a: { phone: '447700900001', ids: { teams: x } }\n")).toEqual([
      expect.stringMatching(/^contacts\.yaml:2: unknown teams in people\.a\.ids/),
    ]);
  });

  it("knows only the id fields it is given: the core names no platform", () => {
    const text = "people:\n  a: { phone: '447700900001', slack: U0A }\n";
    expect(() => parseWithFields(text, "contacts.yaml")).toThrow(/unknown slack.*phone, ids\)/);
  });

  it("suggests the closest known names for a typo", () => {
    expect(directory.lookup("alcie")).toBeUndefined();
    expect(directory.suggest("alcie")[0]).toBe("alice");
    expect(directory.suggest("db-oncal")[0]).toBe("db-oncall");
    expect(directory.suggest("zzzzzzzzzz")).toEqual([]);
  });

  it("refuses a cycle at load, naming it and its line", () => {
    const problems = problemsOf(
      "people:\n  a: { phone: '447700900001' }\ngroups:\n  x: [y]\n  y: [a, x]\n",
    );
    expect(problems).toEqual([
      expect.stringMatching(/^contacts\.yaml:\d+: groups form a cycle: x → y → x$/),
    ]);
  });

  it("names the file and line of a bad phone, an unknown member and an unknown key", () => {
    const problems = problemsOf(
      [
        "people:",
        "  a: { phone: '0770090' }",
        "  b: { phone: '447700900002', pager: x }",
        "groups:",
        "  g: [a, nobody]",
      ].join("\n"),
    );
    expect(problems).toEqual([expect.stringMatching(/^contacts\.yaml:3: unknown pager/)]);
    const later = problemsOf(
      ["people:", "  a: { phone: '0770090' }", "groups:", "  g: [nobody]"].join("\n"),
    );
    expect(later).toEqual([
      expect.stringMatching(
        /^contacts\.yaml:2: a's phone "0770090" is not an international number/,
      ),
      expect.stringMatching(/^contacts\.yaml:4: group g names "nobody"/),
    ]);
  });

  it("refuses unquoted Discord ids, which YAML would round", () => {
    expect(
      problemsOf("people:\n  a: { phone: '447700900001', discord: 100000000000000005 }\n"),
    ).toEqual([expect.stringMatching(/^contacts\.yaml:2: .*quoted id/)]);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(problemsOf("people:\n  a: { phone: '4477'\n")[0]).toMatch(/^contacts\.yaml:\d+: /);
  });

  it("refuses a name used by a person and a group", () => {
    expect(
      problemsOf("people:\n  ops: { phone: '447700900001' }\ngroups:\n  ops: [ops]\n")[0],
    ).toMatch(/used twice/);
  });

  it("refuses a person and a group whose names differ only in case", () => {
    expect(
      problemsOf(
        "people:\n  ops: { phone: '447700900001' }\n  bob: { phone: '447700900002' }\ngroups:\n  OPS: [bob]\n",
      ),
    ).toEqual(['contacts.yaml:2: "ops" is used twice; people and groups need distinct names']);
  });

  it("takes names that happen to be JavaScript object properties as names", () => {
    const named = parseDirectory(
      "people:\n  constructor: { phone: '447700900001' }\n  toString: { phone: '447700900002' }\n",
      "contacts.yaml",
    );
    expect(named.lookup("constructor")?.map((person) => person.phone)).toEqual(["447700900001"]);
    expect(named.lookup("tostring")?.map((person) => person.phone)).toEqual(["447700900002"]);
  });
});
