import type { Directory, MentionResolver, RecipientRef } from "../../src/kit.js";
import { UsageError } from "../../src/kit.js";
import { CONTACTS_FIELD } from "./contacts-field.js";

/**
 * Discord mentions among the recipients. Profiles carry no phone numbers, so a mention can
 * only be paged through the contacts directory, where a person may list their Discord user id.
 */

/** The contacts directory as it is now (it may be reloaded between commands). */
export type DiscordContacts = () => Pick<Directory, "byId"> | undefined;

const MENTION = /^<@([!&]?)(\d{15,22})>$/;
const EXAMPLE = "Example: `/sms to:447700900123 message:db1 is down`";

/** Reads each user mention as the directory name of that person, or explains why it cannot. */
export function discordMentions(contacts?: DiscordContacts): MentionResolver {
  return {
    claims: (token) => MENTION.test(token),
    resolve: async (tokens) => resolveMentions(tokens, contacts?.()),
  };
}

function resolveMentions(
  tokens: readonly string[],
  directory: ReturnType<DiscordContacts>,
): Map<string, RecipientRef[]> {
  const roles: string[] = [];
  const unknown: string[] = [];
  const resolved = new Map<string, RecipientRef[]>();
  for (const token of tokens) {
    const [, sigil, id = ""] = MENTION.exec(token) ?? [];
    if (sigil === "&") {
      roles.push(token);
      continue;
    }
    const person = directory?.byId(CONTACTS_FIELD, id);
    if (person === undefined) unknown.push(`<@${id}>`);
    else resolved.set(token, [{ kind: "name", name: person.name.toLowerCase() }]);
  }
  if (unknown.length > 0) {
    const why = directory
      ? "Discord profiles have no phone numbers, and the contacts directory lists no one with that Discord id; use a number, or their contact name."
      : "Discord profiles have no phone numbers; use a number, or a contacts-directory name once configured.";
    throw new UsageError(`Cannot page ${unknown.join(", ")}: ${why} Nothing was sent. ${EXAMPLE}`);
  }
  if (roles.length > 0) {
    throw new UsageError(
      `Cannot page ${roles.join(", ")}: Discord roles have no phone numbers; use numbers, or a contacts-directory group. Nothing was sent. ${EXAMPLE}`,
    );
  }
  return resolved;
}
