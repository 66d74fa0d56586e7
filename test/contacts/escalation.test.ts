import { describe, expect, it } from "vitest";
import { ContactsError, parseDirectory } from "../../src/contacts/load.js";

const PEOPLE = `people:
  alice: { phone: "447700900001" }
  bob: { phone: "447700900002" }
  carol: { phone: "447700900003" }
  dave: { phone: "447700900004" }
`;

function problemsOf(text: string): string[] {
  try {
    parseDirectory(text, "contacts.yaml");
  } catch (error) {
    if (error instanceof ContactsError) return error.problems;
    throw error;
  }
  throw new Error("expected a ContactsError");
}

describe("a group's escalation policy", () => {
  it("reads members and steps, beside groups written as plain lists", () => {
    const directory = parseDirectory(
      `${PEOPLE}groups:
  db-managers: [dave]
  DB-Oncall:
    members: [alice, bob]
    escalate:
      - { after: 5m, to: [carol] }
      - { after: 1h30m, to: db-managers, on_failure: true }
      - { after: 24h, to: ["+44 7700 900009"] }
`,
      "contacts.yaml",
    );
    expect(directory.lookup("db-oncall")?.map((p) => p.name)).toEqual(["alice", "bob"]);
    expect(directory.escalation?.("db-oncall")).toEqual([
      { afterMs: 300_000, to: ["carol"], onFailure: false },
      { afterMs: 5_400_000, to: ["db-managers"], onFailure: true },
      { afterMs: 86_400_000, to: ["+44 7700 900009"], onFailure: false },
    ]);
    expect(directory.escalation?.("db-managers")).toEqual([]);
    expect(directory.escalation?.("alice")).toBeUndefined();
  });

  it.each([
    ["9s", /9s is too short: durations run from 10s to 24h/],
    ["24h1s", /24h1s is too long/],
    ["5 minutes", /is not a duration from 10s to 24h/],
    ["10", /10 is not a duration from 10s to 24h/],
  ])("refuses `after: %s` with its line", (after, problem) => {
    const problems = problemsOf(
      `${PEOPLE}groups:\n  g:\n    members: [alice]\n    escalate:\n      - { after: ${after}, to: [bob] }\n`,
    );
    expect(problems).toEqual([
      expect.stringMatching(/^contacts\.yaml:10: groups\.g\.escalate\.0\.after: /),
    ]);
    expect(problems[0]).toMatch(problem);
  });

  it("refuses steps out of order, unknown recipients, and unknown fields, each with its line", () => {
    const problems = problemsOf(
      `${PEOPLE}groups:
  g:
    members: [alice]
    escalate:
      - { after: 10m, to: [bob] }
      - { after: 5m, to: [nobody] }
`,
    );
    expect(problems).toEqual([
      "contacts.yaml:11: group g: escalation step 2 must come later than step 1",
      'contacts.yaml:11: group g: escalation step 2 names "nobody", who is not in people or groups',
    ]);
    expect(
      problemsOf(
        `${PEOPLE}groups:\n  g: { members: [alice], escalate: [{ after: 1m, to: [bob], page: all }] }\n`,
      ),
    ).toEqual([
      "contacts.yaml:7: unknown page in groups.g.escalate.0 (a group has members and escalate; a step has after, to, on_failure)",
    ]);
  });
});
