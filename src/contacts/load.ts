import { readFile } from "node:fs/promises";
import { type Document, isNode, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { CONTACT_NAME, normaliseNumber } from "../command/index.js";
import { ChatopsError } from "../errors.js";
import type { EscalationStep } from "../escalation/policy.js";
import { createDirectory, type Directory, type Person } from "./directory.js";
import { type GroupEntry, groupSchema, membersOf, policyProblems, stepsOf } from "./escalation.js";

/** A directory file that cannot be used: every problem, each with its file and line. */
export class ContactsError extends ChatopsError {
  constructor(readonly problems: string[]) {
    super(
      "CONTACTS",
      `The contacts directory is not valid:\n${problems.map((p) => `  ${p}`).join("\n")}`,
    );
  }
}

const nameKey = z
  .string()
  .regex(CONTACT_NAME, "must start with a letter and use only letters, digits, . _ -");

/**
 * The chat platforms' user-id fields a person may carry, each with its rule, by field name (the
 * adapter's contacts field, e.g. from its descriptor). A person writes them under `ids:`, or as
 * a shorthand beside `phone:` (`alice: { phone: …, <field>: <id> }`); both mean the same.
 */
export type ContactIdFields = Readonly<Record<string, z.ZodType<string>>>;

function fileSchema(idFields: ContactIdFields) {
  const ids = Object.fromEntries(
    Object.entries(idFields).map(([field, rule]) => [field, rule.optional()]),
  );
  const person = z.strictObject({
    phone: z.union([z.string(), z.number()], { error: "phone is required" }).transform(String),
    ids: z.strictObject(ids).optional(),
    ...ids,
  });
  return z.strictObject({
    people: z.record(nameKey, person).default({}),
    groups: z.record(nameKey, groupSchema).default({}),
  });
}

interface PersonEntry {
  phone: string;
  ids?: Record<string, string | undefined> | undefined;
  [field: string]: unknown;
}

interface ContactsFile {
  people: Record<string, PersonEntry>;
  groups: Record<string, GroupEntry>;
}

export async function loadDirectoryFile(
  path: string,
  idFields: ContactIdFields = {},
): Promise<Directory> {
  return parseDirectory(await readFile(path, "utf8"), path, idFields);
}

/** Parses and validates a directory's YAML text; `path` only names the file in errors. */
export function parseDirectory(
  text: string,
  path: string,
  idFields: ContactIdFields = {},
): Directory {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (keys: readonly PropertyKey[]) => `${path}:${lineOf(document, lineCounter, keys)}`;
  if (document.errors.length > 0) {
    throw new ContactsError(
      document.errors.map(
        (error) => `${path}:${error.linePos?.[0].line ?? 1}: ${error.message.split("\n")[0]}`,
      ),
    );
  }
  const parsed = fileSchema(idFields).safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const known = ["phone", "ids", ...Object.keys(idFields)].join(", ");
    throw new ContactsError(
      parsed.error.issues.map((issue) => `${at(issue.path)}: ${describe(issue, known)}`),
    );
  }
  const problems: string[] = [];
  // Names are case-insensitive, as /sms reads them.
  const groupMembers = new Map(
    Object.entries(parsed.data.groups).map(([name, entry]) => [
      name.toLowerCase(),
      membersOf(entry),
    ]),
  );
  const file = parsed.data as ContactsFile;
  const people = readPeople(file, Object.keys(idFields), groupMembers, at, problems);
  const groups = flattenGroups(groupMembers, people, at, problems);
  const known = (name: string) => people.has(name) || groupMembers.has(name);
  const escalations = readEscalations(file, known, at, problems);
  if (problems.length > 0) throw new ContactsError(problems);
  return createDirectory([...people.values()], groups, escalations);
}

/** What the keys of each part may be, for an unknown key's message. */
function expectedKeys(path: readonly PropertyKey[], known: string): string {
  return path[0] === "groups"
    ? "a group has members and escalate; a step has after, to, on_failure"
    : `expected people and groups; a person has ${known}`;
}

function describe(issue: z.core.$ZodIssue, known: string): string {
  const field = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys")
    return `unknown ${issue.keys.join(", ")} in ${field || "the file"} (${expectedKeys(issue.path, known)})`;
  return field ? `${field}: ${issue.message}` : issue.message;
}

type GroupMembers = ReadonlyMap<string, readonly string[]>;

function readPeople(
  file: ContactsFile,
  idFields: readonly string[],
  groupMembers: GroupMembers,
  at: At,
  problems: string[],
): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const [name, entry] of Object.entries(file.people)) {
    const phone = normaliseNumber(entry.phone);
    if (phone === null) {
      problems.push(
        `${at(["people", name, "phone"])}: ${name}'s phone "${entry.phone}" is not an international number such as +44 7700 900001`,
      );
      continue;
    }
    if (groupMembers.has(name.toLowerCase()) || people.has(name.toLowerCase())) {
      problems.push(
        `${at(["people", name])}: "${name}" is used twice; people and groups need distinct names`,
      );
      continue;
    }
    const ids = readIds(entry, idFields, (field) =>
      problems.push(
        `${at(["people", name, field])}: ${name}'s ${field} is given twice, as ${field} and ids.${field}, with different ids`,
      ),
    );
    people.set(name.toLowerCase(), { name, phone, ids });
  }
  return people;
}

/** Each group's escalation policy, by lower-case name; its problems go to `problems`. */
function readEscalations(
  file: ContactsFile,
  known: (name: string) => boolean,
  at: At,
  problems: string[],
): Map<string, EscalationStep[]> {
  const escalations = new Map<string, EscalationStep[]>();
  for (const [name, entry] of Object.entries(file.groups)) {
    const steps = stepsOf(entry);
    for (const { step, problem } of policyProblems(name, steps, known)) {
      problems.push(`${at(["groups", name, "escalate", step])}: ${problem}`);
    }
    escalations.set(name.toLowerCase(), steps);
  }
  return escalations;
}

/** A person's ids: those under `ids:` and the shorthand fields beside `phone:`, merged. */
function readIds(
  entry: PersonEntry,
  idFields: readonly string[],
  conflict: (field: string) => void,
): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const field of idFields) {
    const nested = entry.ids?.[field];
    const shorthand = entry[field] as string | undefined;
    if (nested !== undefined && shorthand !== undefined && nested !== shorthand) conflict(field);
    const id = nested ?? shorthand;
    if (id !== undefined) ids[field] = id;
  }
  return ids;
}

/** Expands every group to its people, reporting unknown members and cycles. */
function flattenGroups(
  members: GroupMembers,
  people: ReadonlyMap<string, Person>,
  at: At,
  problems: string[],
): Map<string, Person[]> {
  const flattened = new Map<string, Person[]>();
  const expand = (group: string, path: string[]): Person[] => {
    const done = flattened.get(group);
    if (done) return done;
    if (path.includes(group)) {
      problems.push(
        `${at(["groups", group])}: groups form a cycle: ${[...path, group].join(" → ")}`,
      );
      return [];
    }
    const found = new Map<string, Person>();
    for (const member of members.get(group) ?? []) {
      const key = member.toLowerCase();
      const person = people.get(key);
      const nested = members.has(key) ? expand(key, [...path, group]) : undefined;
      if (person) found.set(key, person);
      else if (nested) for (const p of nested) found.set(p.name.toLowerCase(), p);
      else
        problems.push(
          `${at(["groups", group])}: group ${group} names "${member}", who is not in people or groups`,
        );
    }
    const result = [...found.values()];
    flattened.set(group, result);
    return result;
  };
  for (const group of members.keys()) expand(group, []);
  return flattened;
}

type At = (keys: readonly PropertyKey[]) => string;

/** The line of the deepest node of `keys` that exists in the document. */
function lineOf(
  document: Document,
  lineCounter: LineCounter,
  keys: readonly PropertyKey[],
): number {
  for (let depth = keys.length; depth >= 0; depth--) {
    const node = document.getIn(keys.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}
