import { UsageError } from "../command/index.js";
import type { RecipientRef } from "../command/types.js";
import type { Directory, Person } from "../contacts/directory.js";
import type { Destination } from "../csoft/types.js";
import type { PagePreview } from "./types.js";

/** Where a page goes: the csoft destinations, and how to name them to people. */
export interface ResolvedRecipients {
  destinations: Destination[];
  /** What the parent message lists, in the order typed: numbers, people, groups, address books. */
  labels: string[];
  /** The person each number belongs to, for numbers reached through the directory. */
  people: Map<string, string>;
}

export function addressBookLabel(book: string, group?: string): string {
  return group === undefined ? `book:${book}` : `book:${book}::${group}`;
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
  const labels: string[] = [];
  const people = new Map<string, string>();
  for (const ref of refs) {
    switch (ref.kind) {
      case "number":
        numbers.add(ref.number);
        labels.push(ref.number);
        break;
      case "addressBook":
        books.push(
          ref.group === undefined
            ? { kind: "addressBook", book: ref.book }
            : { kind: "addressBook", book: ref.book, group: ref.group },
        );
        labels.push(addressBookLabel(ref.book, ref.group));
        break;
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
  const destinations: Destination[] =
    numbers.size > 0 ? [{ kind: "numbers", numbers: [...numbers] }, ...books] : books;
  return { destinations, labels, people };
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
  const numbers: PagePreview["numbers"] = [];
  const addressBooks: string[] = [];
  for (const destination of resolved.destinations) {
    if (destination.kind === "addressBook") {
      addressBooks.push(addressBookLabel(destination.book, destination.group));
      continue;
    }
    for (const number of destination.numbers) {
      const person = resolved.people.get(number);
      numbers.push(person === undefined ? { number } : { number, person });
    }
  }
  return { numbers, addressBooks, ...(message && { message }) };
}
