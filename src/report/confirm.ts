import type { PageAnnouncement } from "../page/types.js";
import { describeDelivery, listRecipients } from "./text.js";

/** The question a large page asks before anything is sent. */
export function renderConfirmQuestion(
  announcement: PageAnnouncement,
  numbers: number,
  addressBooks: readonly string[],
  minutes: number,
): string {
  // The address books are named once, after "every member of"; the rest explain the numbers.
  const named = announcement.recipients.filter((label) => !addressBooks.includes(label));
  const count = numbers === 1 ? "1 number" : `${numbers} numbers`;
  const reach = [
    numbers > 0 ? `${count} (${listRecipients(named)})` : "",
    addressBooks.length > 0 ? `every member of ${addressBooks.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join(" and ");
  const details = describeDelivery(announcement.options, announcement.encoding);
  return [
    `Confirm: this pages ${reach}.`,
    `"${announcement.message}" (${details})`,
    `Nothing is sent until you confirm; the question expires in ${minutes} minutes.`,
  ].join("\n");
}

export const CONFIRM_REPLIES = {
  confirmed: "Confirmed: paging now.",
  cancelled: "Cancelled: nothing was sent.",
  expired:
    "The question expired without an answer: nothing was sent. Run the command again to page.",
  needsYes: (numbers: number, threshold: number) =>
    `This page is large (${numbers} numbers, or an address book; more than ${threshold} numbers needs confirming) and this terminal cannot ask: add --yes to confirm it in advance. Nothing was sent.`,
  shuttingDown: "The bot is shutting down: nothing was sent. Run the command again in a moment.",
  /** To whoever clicks a question answered or expired already: the click changes nothing. */
  stale: "This question has expired: nothing more will happen. Run the command again to page.",
  /** To someone else who clicked: `requester` as the chat mentions people. */
  notRequester: (requester: string) => `Only ${requester} can confirm or cancel this page.`,
} as const;
