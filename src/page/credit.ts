import type { CreditSource } from "../csoft/account.js";
import { CsoftError } from "../csoft/errors.js";
import { NO_CREDIT_SOURCE, renderCredit, renderCreditFailure } from "../report/credit.js";

/** The answer to `/sms credit`: the balance, or why it could not be read. */
export async function answerCredit(source: CreditSource | undefined): Promise<string> {
  if (source === undefined) return NO_CREDIT_SOURCE;
  try {
    return renderCredit(await source.queryCredit());
  } catch (error) {
    // csoft's own refusals and unreachable servers are told; anything else is a bug, logged.
    if (error instanceof CsoftError) return renderCreditFailure(error);
    throw error;
  }
}
