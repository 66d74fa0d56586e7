import { decodeResponse } from "./decode.js";
import { CsoftProtocolError, CsoftReportError } from "./errors.js";
import { FormError, type FormFields, readForm } from "./form.js";
import { classify } from "./report-codes.js";
import type { ServerName } from "./types.js";

/** An account's balance as csoft states it. */
export interface CreditBalance {
  amount: number;
  /** ISO 4217 code when csoft names one (its older `UKL` is read as GBP). */
  currency?: string;
}

/** `GBP 15.2345`, `UKL 15.2345`, or a bare `15.2345` beside a `Currency` field. */
const CREDIT = /^(?:([A-Za-z]{3})\s+)?(-?\d+(?:\.\d+)?)$/;
/** csoft's older pages write pounds sterling as UKL. */
const CURRENCY_ALIASES: Readonly<Record<string, string>> = { UKL: "GBP" };

function readFields(body: string): FormFields {
  try {
    return readForm(body);
  } catch (error) {
    if (error instanceof FormError) throw new CsoftProtocolError(error.message, { cause: error });
    throw error;
  }
}

/** A whole-request report (e.g. `Report=2&Text=Invalid%20Login`) as the error it is. */
function reportError(body: string, server: ServerName): CsoftReportError {
  const [report] = decodeResponse(body);
  if (report === undefined) throw new CsoftProtocolError("an empty report");
  return new CsoftReportError({ ...report, meaning: classify(report).meaning }, server);
}

/**
 * Reads csoft's answer to an AvailableCredit query, in any of the three shapes its pages show.
 * Throws CsoftReportError when csoft answered with a report code (a bad login), and
 * CsoftProtocolError for anything else that is not a balance; neither quotes the body.
 */
export function decodeCreditAnswer(body: string, server: ServerName): CreditBalance {
  const fields = readFields(body);
  const credit = fields.get("AvailableCredit");
  if (credit === undefined) {
    if (fields.get("Report") !== undefined) throw reportError(body, server);
    throw new CsoftProtocolError("no AvailableCredit in the answer");
  }
  const match = CREDIT.exec(credit.trim());
  if (!match) throw new CsoftProtocolError("AvailableCredit is not an amount");
  const [, inline, amount] = match;
  const named = (inline ?? fields.get("Currency")?.trim() ?? "").toUpperCase();
  const currency = CURRENCY_ALIASES[named] ?? named;
  return { amount: Number(amount), ...(currency !== "" && { currency }) };
}
