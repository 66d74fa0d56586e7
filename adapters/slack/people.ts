import { escapeMrkdwn, mentionUser } from "./mrkdwn.js";

/** Which Slack users a number was resolved from (number → user IDs). */
export type People = ReadonlyMap<string, readonly string[]>;

/**
 * A recipient for a message: the number as code, with the people it belongs to beside it:
 * Slack users it was resolved from, else the contacts-directory person.
 */
export function recipientMrkdwn(recipient: string, people: People, person?: string): string {
  const users = people.get(recipient) ?? [];
  const number = `\`${escapeMrkdwn(recipient)}\``;
  if (users.length > 0) return `${users.map(mentionUser).join(" ")} ${number}`;
  return person === undefined ? number : `*${escapeMrkdwn(person)}* ${number}`;
}
