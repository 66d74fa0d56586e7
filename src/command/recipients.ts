import type { RecipientRef } from "./types.js";
import { usageError } from "./usage.js";

/** Characters people put in numbers for readability; csoft wants digits only. */
const NUMBER_PUNCTUATION = /[\s+\-().]/g;
/** An entry made only of digits and that punctuation is meant as a number. */
const LOOKS_LIKE_NUMBER = /^[\d\s+\-().]*\d[\d\s+\-().]*$/;
/** E.164: a country code first (never 0), at most 15 digits; 8 rules out short codes and typos. */
const INTERNATIONAL_NUMBER = /^[1-9]\d{7,14}$/;
/** What a contacts-directory name may look like: typeable as an /sms recipient. */
export const CONTACT_NAME = /^[a-z][a-z0-9._-]*$/i;
const ADDRESS_BOOK_PREFIX = "book:";
const GROUP_SEPARATOR = "::";

/**
 * Normalises a typed number to csoft's international format (digits only, no leading 00),
 * or returns null when it is not one.
 */
export function normaliseNumber(raw: string): string | null {
  if (!LOOKS_LIKE_NUMBER.test(raw)) return null;
  const digits = raw.replace(NUMBER_PUNCTUATION, "").replace(/^00/, "");
  return INTERNATIONAL_NUMBER.test(digits) ? digits : null;
}

export function notANumberProblem(raw: string): string {
  return `\`${raw}\` is not an international number: write 8 to 15 digits starting with the country code (447700900123, not 07700900123).`;
}

/**
 * Parses the recipients token: comma-separated numbers, `book:` address books and contact
 * names; empty entries are skipped and duplicates kept once, in the order first typed.
 * `mentions`: entries a chat's resolver read already (its mentions), with their recipients.
 */
export function parseRecipients(
  token: string,
  mentions?: ReadonlyMap<string, readonly RecipientRef[]>,
): RecipientRef[] {
  const recipients: RecipientRef[] = [];
  const seen = new Set<string>();
  for (const entry of token.split(",")) {
    const trimmed = entry.trim();
    if (trimmed === "") continue;
    for (const ref of mentions?.get(trimmed) ?? [parseEntry(trimmed)]) {
      const key = dedupeKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      recipients.push(ref);
    }
  }
  if (recipients.length === 0) {
    throw usageError(
      "No recipients: start with a number, a contact name or book:<AddressBook>, comma-separated.",
    );
  }
  return recipients;
}

function parseEntry(entry: string): RecipientRef {
  if (LOOKS_LIKE_NUMBER.test(entry)) {
    const number = normaliseNumber(entry);
    if (number === null) throw usageError(notANumberProblem(entry));
    return { kind: "number", number };
  }
  if (entry.toLowerCase().startsWith(ADDRESS_BOOK_PREFIX)) {
    return parseAddressBook(entry, entry.slice(ADDRESS_BOOK_PREFIX.length));
  }
  if (CONTACT_NAME.test(entry)) return { kind: "name", name: entry.toLowerCase() };
  throw usageError(
    `\`${entry}\` is not a recipient: use an international number (447700900123), a contact name (alice) or book:<AddressBook>[::<Group>].`,
  );
}

function parseAddressBook(entry: string, spec: string): RecipientRef {
  const separator = spec.indexOf(GROUP_SEPARATOR);
  const book = separator === -1 ? spec : spec.slice(0, separator);
  const group = separator === -1 ? undefined : spec.slice(separator + GROUP_SEPARATOR.length);
  if (book === "" || group === "") {
    throw usageError(
      `\`${entry}\` needs an address book name, and a group name after ::, if any: book:<AddressBook> or book:<AddressBook>::<Group>.`,
      "/sms book:Oncall::Nights db1 is down",
    );
  }
  return group === undefined ? { kind: "addressBook", book } : { kind: "addressBook", book, group };
}

/** Names were lowercased and numbers normalised already, so equal keys mean the same recipient. */
function dedupeKey(ref: RecipientRef): string {
  switch (ref.kind) {
    case "number":
      return `number:${ref.number}`;
    case "name":
      return `name:${ref.name}`;
    case "addressBook":
      return `book:${JSON.stringify([ref.book, ref.group ?? null])}`;
  }
}
