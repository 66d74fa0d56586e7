import { escapeMrkdwn, mentionUser } from "./mrkdwn.js";

/** Which Slack users a number was resolved from (number → user IDs). */
export type People = ReadonlyMap<string, readonly string[]>;

/** A recipient for a message: the number as code, with the people it belongs to beside it. */
export function recipientMrkdwn(recipient: string, people: People): string {
  const users = people.get(recipient) ?? [];
  const number = `\`${escapeMrkdwn(recipient)}\``;
  return users.length === 0 ? number : `${users.map(mentionUser).join(" ")} ${number}`;
}
