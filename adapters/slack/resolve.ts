// Mentions → phone numbers, before the core reads the command: the core only knows numbers.

import type { Directory } from "../../src/kit.js";
import { ChatopsError, mapWithLimit, normaliseNumber } from "../../src/kit.js";
import { CONTACTS_FIELD } from "./contacts-field.js";
import { DirectoryError, type SlackDirectory } from "./directory.js";
import { needsSlack, type RecipientItem, splitRecipients } from "./mentions.js";
import { escapeMrkdwn, mentionGroup, mentionUser, toPlainText } from "./mrkdwn.js";

/** Profile lookups in flight at once: a large group stays well inside Slack's rate limits. */
const LOOKUPS_IN_FLIGHT = 4;

/** The contacts directory as it is now (it may be reloaded between commands). */
export type SlackContacts = () => Pick<Directory, "byId"> | undefined;

export interface ResolvedText {
  /** The command for the core: mentions replaced by numbers, Slack markup made plain. */
  text: string;
  /** Who each resolved number belongs to, so messages can show the person beside it. */
  people: Map<string, string[]>;
}

/** A recipient could not be turned into a number. The message is mrkdwn, for the caller. */
export class RecipientError extends ChatopsError {
  constructor(message: string, options?: ErrorOptions) {
    super("SLACK_RECIPIENT", message, options);
  }
}

/**
 * A person's number comes from the contacts directory when it lists their Slack ID (the
 * operator's word), else from their Slack profile.
 */
export async function resolveSlackText(
  text: string,
  workspace: SlackDirectory,
  contacts?: SlackContacts,
): Promise<ResolvedText> {
  const split = splitRecipients(text);
  if (split === null || !needsSlack(split.items)) {
    return { text: toPlainText(text), people: new Map() };
  }
  rejectUnsupported(split.items);
  const members = await expandGroups(split.items, workspace);
  const users = unique(split.items.flatMap((item) => usersOf(item, members)));
  const phones = await phonesOf(users, workspace, contacts?.());
  const people = new Map<string, string[]>();
  for (const [userId, number] of phones) {
    people.set(number, [...(people.get(number) ?? []), userId]);
  }
  const entries = split.items.flatMap((item) =>
    item.kind === "typed"
      ? [item.text]
      : usersOf(item, members).map((userId) => phones.get(userId) as string),
  );
  return { text: `${entries.join(",")}${toPlainText(split.rest)}`, people };
}

/** The Slack users an entry stands for: itself, or a group's members. */
function usersOf(item: RecipientItem, members: ReadonlyMap<string, string[]>): string[] {
  if (item.kind === "user") return [item.userId];
  if (item.kind === "group") return members.get(item.groupId) ?? [];
  return [];
}

function rejectUnsupported(items: readonly RecipientItem[]): void {
  const unsupported = items.find((item) => item.kind === "unsupported");
  if (unsupported?.kind !== "unsupported") return;
  throw new RecipientError(
    `\`${escapeMrkdwn(unsupported.label)}\` is not a person: page people (@name), user groups (@oncall) or numbers. ` +
      "Nothing was sent.",
  );
}

async function expandGroups(
  items: readonly RecipientItem[],
  workspace: SlackDirectory,
): Promise<Map<string, string[]>> {
  const groups = unique(items.flatMap((item) => (item.kind === "group" ? [item.groupId] : [])));
  const members = await mapWithLimit(groups, LOOKUPS_IN_FLIGHT, (groupId) =>
    lookUp(() => workspace.groupMembers(groupId)),
  );
  const empty = groups.filter((_groupId, index) => members[index]?.length === 0);
  if (empty.length > 0) {
    throw new RecipientError(
      `${empty.map(mentionGroup).join(", ")} has no members to page. Nothing was sent.`,
    );
  }
  return new Map(groups.map((groupId, index) => [groupId, members[index] ?? []]));
}

/** Each user's number; every user without a usable one is named, and nothing is sent. */
async function phonesOf(
  users: readonly string[],
  workspace: SlackDirectory,
  contacts: ReturnType<SlackContacts>,
): Promise<Map<string, string>> {
  const typed = await mapWithLimit(users, LOOKUPS_IN_FLIGHT, (userId) => {
    const listed = contacts?.byId(CONTACTS_FIELD, userId)?.phone;
    return listed !== undefined
      ? Promise.resolve(listed)
      : lookUp(() => workspace.profilePhone(userId));
  });
  const phones = new Map<string, string>();
  const problems: string[] = [];
  users.forEach((userId, index) => {
    const phone = typed[index] ?? "";
    const number = normaliseNumber(phone);
    if (number !== null) phones.set(userId, number);
    else if (phone === "")
      problems.push(`${mentionUser(userId)} has no phone number in their Slack profile.`);
    else
      problems.push(
        `${mentionUser(userId)}'s Slack profile phone \`${escapeMrkdwn(phone)}\` is not an international number (country code first, e.g. +44 7700 900123).`,
      );
  });
  if (problems.length > 0) {
    throw new RecipientError(
      `${problems.join("\n")}\nAsk them to set it under Profile → Edit → Phone, or page their number instead. Nothing was sent.`,
    );
  }
  return phones;
}

async function lookUp<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    const who =
      "userId" in error.subject
        ? `${mentionUser(error.subject.userId)}'s Slack profile`
        : `the members of ${mentionGroup(error.subject.groupId)}`;
    throw new RecipientError(
      `Could not read ${who}: Slack answered \`${escapeMrkdwn(error.reason)}\`${hintFor(error.reason)}. Nothing was sent.`,
      { cause: error },
    );
  }
}

function hintFor(reason: string): string {
  if (reason === "missing_scope")
    return " (reinstall the app with the scopes in manifest/slack.yaml)";
  if (reason === "user_not_found" || reason === "no_such_subteam") return " (they may have left)";
  return "";
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
