// Slack's recipients for the core: the text made readable by the grammar (mentions kept as
// tokens), and the resolver the core hands those tokens to (people and user groups → numbers).

import type { CommandInput, Directory, MentionResolver, RecipientRef } from "../../src/kit.js";
import { mapWithLimit, normaliseNumber, parseCommand, UsageError } from "../../src/kit.js";
import { CONTACTS_FIELD } from "./contacts-field.js";
import { DirectoryError, type SlackDirectory } from "./directory.js";
import { needsSlack, type RecipientItem, readItem, splitRecipients } from "./mentions.js";
import { mentionGroup, mentionUser, toPlainText } from "./mrkdwn.js";

/** Profile lookups in flight at once: a large group stays well inside Slack's rate limits. */
const LOOKUPS_IN_FLIGHT = 4;

/** The contacts directory as it is now (it may be reloaded between commands). */
export type SlackContacts = () => Pick<Directory, "byId"> | undefined;

/**
 * A recipient could not be turned into a number: a usage error of Slack's, whose message
 * (plain text, mentions kept) the core answers the caller with.
 */
export class RecipientError extends UsageError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options, "SLACK_RECIPIENT");
  }
}

/**
 * The text after `/sms` as the core's input: the recipients (of a page, or after `who`) are one
 * comma-separated word, mentions kept as tokens for the resolver (Slack's autocomplete
 * separates them by spaces), and the rest made plain text, as people read it in Slack.
 */
export function slackInput(text: string): CommandInput {
  const who = /^\s*who(?=\s)/i.exec(text)?.[0] ?? "";
  const split = splitRecipients(text.slice(who.length));
  if (split === null || !needsSlack(split.items)) return parseCommand(toPlainText(text));
  const recipients = split.items.map(tokenOf).join(",");
  return parseCommand(`${who} ${recipients}${toPlainText(split.rest)}`);
}

/** A recipient as the grammar's token: typed text as read, a mention in Slack's own form. */
function tokenOf(item: RecipientItem): string {
  switch (item.kind) {
    case "typed":
      return item.text;
    case "user":
      return mentionUser(item.userId);
    case "group":
      return mentionGroup(item.groupId);
    case "unsupported":
      // One token of the recipients word, whatever its label holds.
      return item.text.replace(/[\s,]/g, "_");
  }
}

/**
 * Reads Slack mentions for the core. A person's number comes from the contacts directory when
 * it lists their Slack ID (the operator's word), else from their Slack profile. `people` is
 * told whom each number was resolved from, so the page's messages show them beside it.
 */
export function slackMentions(
  workspace: SlackDirectory,
  contacts: SlackContacts | undefined,
  people: Map<string, string[]>,
): MentionResolver {
  return {
    claims: (token) => token.startsWith("<"),
    resolve: (tokens) => resolveTokens(tokens, workspace, contacts?.(), people),
  };
}

async function resolveTokens(
  tokens: readonly string[],
  workspace: SlackDirectory,
  contacts: ReturnType<SlackContacts>,
  people: Map<string, string[]>,
): Promise<Map<string, RecipientRef[]>> {
  const items = tokens.map(readItem);
  rejectUnsupported(items);
  const members = await expandGroups(items, workspace);
  const users = unique(items.flatMap((item) => usersOf(item, members)));
  const phones = await phonesOf(users, workspace, contacts);
  for (const [userId, number] of phones) {
    people.set(number, [...(people.get(number) ?? []), userId]);
  }
  return new Map(
    tokens.map((token, index) => {
      const item = items[index] as RecipientItem;
      const numbers = usersOf(item, members).map((userId) => phones.get(userId) as string);
      return [token, numbers.map((number): RecipientRef => ({ kind: "number", number }))];
    }),
  );
}

/** The Slack users an entry stands for: itself, or a group's members. */
function usersOf(item: RecipientItem, members: ReadonlyMap<string, string[]>): string[] {
  if (item.kind === "user") return [item.userId];
  if (item.kind === "group") return members.get(item.groupId) ?? [];
  return [];
}

function rejectUnsupported(items: readonly RecipientItem[]): void {
  // Typed text never reaches here (slackInput writes it as the grammar's own token).
  const label = items
    .map((item) =>
      item.kind === "unsupported" ? item.label : item.kind === "typed" ? item.text : undefined,
    )
    .find((found) => found !== undefined);
  if (label === undefined) return;
  throw new RecipientError(
    `\`${label}\` is not a person: page people (@name), user groups (@oncall) or numbers. ` +
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
        `${mentionUser(userId)}'s Slack profile phone \`${phone}\` is not an international number (country code first, e.g. +44 7700 900123).`,
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
      `Could not read ${who}: Slack answered \`${error.reason}\`${hintFor(error.reason)}. Nothing was sent.`,
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
