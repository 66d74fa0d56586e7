import type { Directory } from "../../src/kit.js";
import { CONTACTS_FIELD } from "./contacts-field.js";

/**
 * Discord mentions in `to`. Profiles carry no phone numbers, so a mention can only be paged
 * through the contacts directory, where a person may list their Discord user id.
 */

/** The contacts directory as it is now (it may be reloaded between commands). */
export type DiscordContacts = () => Pick<Directory, "byId"> | undefined;

const MENTION = /<@([!&]?)(\d{15,22})>/g;
const EXAMPLE = "Example: `/sms to:447700900123 message:db1 is down`";

export type MentionResolution = { ok: true; to: string } | { ok: false; error: string };

/** Replaces each user mention with the directory name of that person, or explains why it cannot. */
export function resolveMentions(to: string, contacts?: DiscordContacts): MentionResolution {
  const directory = contacts?.();
  const roles: string[] = [];
  const unknown: string[] = [];
  const replaced = to.replace(MENTION, (mention, sigil: string, id: string) => {
    if (sigil === "&") {
      roles.push(mention);
      return mention;
    }
    const person = directory?.byId(CONTACTS_FIELD, id);
    if (person === undefined) unknown.push(`<@${id}>`);
    return person?.name ?? mention;
  });
  if (unknown.length > 0) {
    const why = directory
      ? "Discord profiles have no phone numbers, and the contacts directory lists no one with that Discord id; use a number, or their contact name."
      : "Discord profiles have no phone numbers; use a number, or a contacts-directory name once configured.";
    return {
      ok: false,
      error: `Cannot page ${unknown.join(", ")}: ${why} Nothing was sent. ${EXAMPLE}`,
    };
  }
  if (roles.length > 0) {
    return {
      ok: false,
      error: `Cannot page ${roles.join(", ")}: Discord roles have no phone numbers; use numbers, or a contacts-directory group. Nothing was sent. ${EXAMPLE}`,
    };
  }
  return { ok: true, to: replaced };
}
