import type { Credit, CreditRead } from "../csoft/account.js";

/** Money as a person reads it: two decimals, csoft's currency code before it. */
function money(amount: number, currency: string | undefined): string {
  return currency === undefined ? amount.toFixed(2) : `${currency} ${amount.toFixed(2)}`;
}

/** The balance, and which server told it. */
export function renderCredit(credit: Credit): string {
  const balance = money(credit.amount, credit.currency);
  const why = credit.server === "secondary" ? ": the primary could not be reached" : "";
  return `csoft credit: ${balance} (answered by the ${credit.server} server${why})`;
}

/** Why the balance could not be read; the error's message never carries the PIN. */
export function renderCreditFailure(error: Error): string {
  return `Could not read the csoft credit: ${error.message}`;
}

export const NO_CREDIT_SOURCE =
  "The csoft credit cannot be read here: this pager was started without an account query.";

/** Posted in the thread of the page after which the balance was found below CSOFT_LOW_CREDIT. */
export function renderLowCredit(credit: Credit, lowCredit: number): string {
  const balance = money(credit.amount, credit.currency);
  const limit = money(lowCredit, credit.currency);
  return `Low csoft credit: ${balance}, below ${limit} (CSOFT_LOW_CREDIT). Top up the csoft account before pages fail with code 15 (out of credit).`;
}

/** The top of the report of a page csoft refused numbers of for want of credit. */
export function renderOutOfCredit(refused: number, read: CreditRead): string {
  const numbers = refused === 1 ? "1 number" : `${refused} numbers`;
  const balance =
    read.kind === "read"
      ? `csoft credit: ${money(read.credit.amount, read.credit.currency)}.`
      : `The balance could not be read: ${read.reason}.`;
  return `OUT OF CREDIT: csoft refused ${numbers} with code 15; they were not sent. ${balance} Top up the csoft account, then page them again.`;
}
