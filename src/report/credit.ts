import type { Credit } from "../csoft/account.js";

/** The balance as a person reads money: two decimals, csoft's currency code before it. */
export function renderCredit(credit: Credit): string {
  const amount = credit.amount.toFixed(2);
  const balance = credit.currency === undefined ? amount : `${credit.currency} ${amount}`;
  const why = credit.server === "secondary" ? ": the primary could not be reached" : "";
  return `csoft credit: ${balance} (answered by the ${credit.server} server${why})`;
}

/** Why the balance could not be read; the error's message never carries the PIN. */
export function renderCreditFailure(error: Error): string {
  return `Could not read the csoft credit: ${error.message}`;
}

export const NO_CREDIT_SOURCE =
  "The csoft credit cannot be read here: this pager was started without an account query.";
