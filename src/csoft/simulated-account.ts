import { QUERY_ACCOUNT_PATH } from "./account.js";
import { percentEncode } from "./encode.js";
import { FormError, readForm } from "./form.js";
import type { SimulatedAccount } from "./simulated-csoft.js";

export { QUERY_ACCOUNT_PATH };

/** The balance the simulator states, and which of csoft's answer shapes it uses. */
export interface SimulatedCredit {
  currency: string;
  /** As csoft writes it, e.g. "15.2345". */
  amount: string;
  /** inline: `AvailableCredit=GBP 15.2345`; separate: `Currency=GBP&AvailableCredit=15.2345`. */
  shape: "inline" | "separate";
}

export const DEMO_CREDIT: Readonly<SimulatedCredit> = {
  currency: "GBP",
  amount: "15.2345",
  shape: "inline",
};

const wholeRequest = (code: number, text: string): string =>
  `MessageIdentifier=-1&Report=${code}&Text=${percentEncode(text)}`;

/**
 * The body csoft would answer to one queryaccount request: the balance, or `Invalid Login`
 * (report code 2) for a wrong Username or PIN. A request that does not ask for AvailableCredit
 * gets code 98 and a text saying why, as the sendsms simulator answers what it cannot act on.
 */
export function answerQueryAccount(
  body: string,
  account: SimulatedAccount,
  credit: SimulatedCredit = DEMO_CREDIT,
): string {
  let form: ReturnType<typeof readForm>;
  try {
    form = readForm(body);
  } catch (error) {
    if (error instanceof FormError) return wholeRequest(98, error.message);
    throw error;
  }
  if (form.get("Username") !== account.username || form.get("PIN") !== account.pin) {
    return wholeRequest(2, "Invalid Login");
  }
  if (form.get("AvailableCredit") === undefined) {
    return wholeRequest(98, "AvailableCredit is missing");
  }
  return credit.shape === "inline"
    ? `AvailableCredit=${credit.currency} ${credit.amount}`
    : `Currency=${credit.currency}&AvailableCredit=${credit.amount}`;
}
