import { UsageError } from "../command/index.js";
import type { RecipientRef } from "../command/types.js";
import type { Directory, Person } from "../contacts/directory.js";
import { addressBookLabel } from "../csoft/attribute.js";
import type { Destination } from "../csoft/types.js";
import type { PagePreview } from "./types.js";

/** Where a page goes: the csoft destinations, and how to name them to people. */
export interface ResolvedRecipients {
  destinations: Destination[];
  /** Every number once, in the order typed. */
  numbers: string[];
  /** The address books, named as people read them, in the order typed. */
  addressBooks: string[];
  /** What the parent message lists, in the order typed: numbers, people, groups, address books. */
  labels: string[];
  /** The person each number belongs to, for numbers reached through the directory. */
  people: Map<string, string>;
}

/**
 * Turns typed recipients into csoft destinations: every number once, in one destination
 * (one request per 350), and one destination per address book.
 */
export function resolveRecipients(
  refs: readonly RecipientRef[],
  directory: Directory | undefined,
): ResolvedRecipients {
  const numbers = new Set<string>();
  const books: Destination[] = [];
  const addressBooks: string[] = [];
  const labels: string[] = [];
  const people = new Map<string, string>();
  for (const ref of refs) {
    switch (ref.kind) {
      case "number":
        numbers.add(ref.number);
        labels.push(ref.number);
        break;
      case "addressBook": {
        books.push(
          ref.group === undefined
            ? { kind: "addressBook", book: ref.book }
            : { kind: "addressBook", book: ref.book, group: ref.group },
        );
        const label = addressBookLabel(ref.book, ref.group);
        addressBooks.push(label);
        labels.push(label);
        break;
      }
      case "name": {
        const found = lookUp(ref.name, directory);
        for (const person of found) {
          numbers.add(person.phone);
          if (!people.has(person.phone)) people.set(person.phone, person.name);
        }
        labels.push(nameLabel(ref.name, found));
        break;
      }
    }
  }
  const unique = [...numbers];
  const destinations: Destination[] =
    unique.length > 0 ? [{ kind: "numbers", numbers: unique }, ...books] : books;
  return { destinations, numbers: unique, addressBooks, labels, people };
}

function lookUp(name: string, directory: Directory | undefined): Person[] {
  if (!directory) {
    throw new UsageError(
      `\`${name}\` is not a phone number, and no contacts directory is configured to look names up (CONTACTS_FILE). ` +
        "Use international numbers. Example: /sms 447700900123,447700900124 db1 is down",
    );
  }
  const found = directory.lookup(name);
  if (found === undefined) {
    const close = directory.suggest(name);
    const hint =
      close.length > 0 ? ` Did you mean ${close.map((n) => `\`${n}\``).join(", ")}?` : "";
    throw new UsageError(
      `\`${name}\` is not in the contacts directory.${hint} Example: /sms ${close[0] ?? "447700900123"} db1 is down`,
    );
  }
  if (found.length === 0) {
    throw new UsageError(
      `Group \`${name}\` has nobody in it. Example: /sms 447700900123 db1 is down`,
    );
  }
  return found;
}

/** A person by name; a group by name with its people, so the parent says who is paged. */
function nameLabel(name: string, found: readonly Person[]): string {
  const [only] = found;
  if (found.length === 1 && only && only.name.toLowerCase() === name) return only.name;
  return `${name} (${found.map((person) => person.name).join(", ")})`;
}

export function previewOf(
  resolved: ResolvedRecipients,
  message: PagePreview["message"],
): PagePreview {
  const numbers = resolved.numbers.map((number) => {
    const person = resolved.people.get(number);
    return person === undefined ? { number } : { number, person };
  });
  return { numbers, addressBooks: resolved.addressBooks, ...(message && { message }) };
}
