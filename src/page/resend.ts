import type { PageReport, ResendOffer } from "./types.js";

/** Numbers named in an offer; more are counted, not listed, so the message stays short. */
const LISTED_NUMBERS = 10;

/** The key that lets a page be resent once, whichever process or replica takes the offer. */
export function resendKey(pageId: number): string {
  return `resend:${pageId}`;
}

const plural = (n: number) => (n === 1 ? "1 unknown number" : `${n} unknown numbers`);

/**
 * The numbers of a page, paged one by one, whose result is unknown: csoft may or may not have
 * sent them the SMS. Address books are never offered: which members were reached is not known.
 */
export function unknownNumbers(report: PageReport, numbers: readonly string[]): string[] {
  const unknown = new Set(
    report.results.filter((result) => result.outcome === "unknown").map((r) => r.recipient),
  );
  return numbers.filter((number) => unknown.has(number));
}

export function resendOffer(pageId: number, numbers: readonly string[]): ResendOffer {
  const listed = numbers.slice(0, LISTED_NUMBERS).join(", ");
  const more =
    numbers.length > LISTED_NUMBERS ? ` and ${numbers.length - LISTED_NUMBERS} more` : "";
  return {
    pageId,
    numbers,
    text: [
      `Page #${pageId}: csoft's answer was lost for ${plural(numbers.length)} (${listed}${more}). csoft may or may not have sent them the SMS.`,
      "Resending sends it again to exactly these numbers: they may receive it twice. Only you can resend it, and only once.",
    ].join("\n"),
    label: `Resend to the ${plural(numbers.length)}`,
    command: `/sms resend ${pageId}`,
  };
}

export const RESEND_REPLIES = {
  noSuchPage: (pageId: number) =>
    `There is no page #${pageId}. Take the number from \`/sms history\`, e.g. /sms resend 42`,
  notRequester: (pageId: number) =>
    `Only the person who sent page #${pageId} can resend it. Nothing was sent.`,
  nothingUnknown: (pageId: number) =>
    `Page #${pageId} has no numbers whose result is unknown: there is nothing to resend.`,
  alreadyResent: (pageId: number) =>
    `Page #${pageId} was already resent to its unknown numbers: nothing more was sent. See /sms history.`,
};
