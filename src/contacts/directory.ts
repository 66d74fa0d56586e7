import type { EscalationStep } from "../escalation/policy.js";

/** One person of the contacts directory. */
export interface Person {
  /** As written in the file; looked up case-insensitively. */
  name: string;
  /** International digits, normalised like a typed number. */
  phone: string;
  /** The person's user id on each chat platform, by the platform's contacts field. */
  ids: Readonly<Record<string, string>>;
}

/** A validated directory: every group flattened to its people, no cycles, no unknown members. */
export interface Directory {
  /** The people a name stands for: one for a person, the members of a group; undefined if unknown. */
  lookup(name: string): Person[] | undefined;
  /** The person whose id on `platform` (its contacts field) is `id`. */
  byId(platform: string, id: string): Person | undefined;
  /** Known names closest to a mistyped one, best first. */
  suggest(name: string): string[];
  /** The person with this phone number (international digits), for naming who replied. */
  byPhone?(number: string): Person | undefined;
  /** A group's escalation policy, in order; empty or undefined when it has none. */
  escalation?(name: string): readonly EscalationStep[] | undefined;
}

const SUGGESTIONS = 3;

export function createDirectory(
  people: readonly Person[],
  groups: ReadonlyMap<string, readonly Person[]>,
  escalations: ReadonlyMap<string, readonly EscalationStep[]> = new Map(),
): Directory {
  const byName = new Map(people.map((person) => [person.name.toLowerCase(), person]));
  const byPlatform = new Map<string, Map<string, Person>>();
  for (const person of people) {
    for (const [platform, id] of Object.entries(person.ids)) {
      const ids = byPlatform.get(platform) ?? new Map<string, Person>();
      byPlatform.set(platform, ids.set(id, person));
    }
  }
  const byPhone = new Map(people.map((p) => [p.phone, p]));
  const names = [...byName.keys(), ...groups.keys()];
  return {
    lookup(name) {
      const key = name.toLowerCase();
      const person = byName.get(key);
      if (person) return [person];
      const members = groups.get(key);
      return members ? [...members] : undefined;
    },
    byId: (platform, id) => byPlatform.get(platform)?.get(id),
    escalation: (name) => escalations.get(name.toLowerCase()),
    byPhone: (number) => byPhone.get(number),
    suggest(name) {
      const key = name.toLowerCase();
      const limit = Math.max(2, Math.floor(key.length / 2));
      return names
        .map((candidate) => ({ candidate, distance: editDistance(key, candidate) }))
        .filter(({ candidate, distance }) => distance <= limit || candidate.startsWith(key))
        .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
        .slice(0, SUGGESTIONS)
        .map(({ candidate }) => candidate);
    },
  };
}

/** Levenshtein distance, two rows at a time. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
