import type { CsoftReport, Outcome } from "./types.js";

export interface CodeMeaning {
  meaning: string;
  outcome: Outcome;
}

/**
 * csoft's report codes whose meaning is published (spec/report-codes.md), in our words.
 * Codes the document lists without a meaning (-1, 6, 12, 13, 14, 20, 76, 98, 99) are absent
 * on purpose: for them we show csoft's own Text rather than invent one.
 */
export const REPORT_CODES: ReadonlyMap<number, CodeMeaning> = new Map([
  [-4, { meaning: "handed to the mobile operator's message centre", outcome: "accepted" }],
  [
    -3,
    { meaning: "held back for now by the csoft server (will be sent later)", outcome: "accepted" },
  ],
  [-2, { meaning: "accepted by csoft and queued", outcome: "accepted" }],
  [0, { meaning: "delivered to the handset", outcome: "delivered" }],
  [2, { meaning: "login refused: username, PIN or source IP address", outcome: "failed" }],
  [3, { meaning: "invalid telephone number", outcome: "failed" }],
  [4, { meaning: "csoft has marked this number inactive", outcome: "failed" }],
  [5, { meaning: "invalid telephone number", outcome: "failed" }],
  [7, { meaning: "invalid telephone number", outcome: "failed" }],
  [8, { meaning: "the number is on a blacklist", outcome: "failed" }],
  [
    11,
    {
      meaning: "invalid characters were removed; the rest of the message was sent",
      outcome: "warning",
    },
  ],
  [15, { meaning: "out of credit", outcome: "failed" }],
  [
    19,
    {
      meaning: "invalid characters were removed; the rest of the message was sent",
      outcome: "warning",
    },
  ],
  [25, { meaning: "deleted by the operator's message centre", outcome: "failed" }],
  [27, { meaning: "expired at the operator's message centre", outcome: "failed" }],
  [28, { meaning: "abandoned by the operator's message centre", outcome: "failed" }],
]);

/** The legacy Format One answers (UN/PIN/N/M requests), a numbering of their own. */
export const FORMAT_ONE_CODES: ReadonlyMap<number, CodeMeaning> = new Map([
  [1, { meaning: "message accepted", outcome: "accepted" }],
  [97, { meaning: "parameter syntax error or out of credit", outcome: "failed" }],
  [99, { meaning: "invalid username or PIN", outcome: "failed" }],
]);

const WARNING_CODES = new Set([11, 19]);

/** The rule that fits every documented report code: ≤ 0 went through, positive failed. */
function outcomeByRule(code: number): Outcome {
  if (code === 0) return "delivered";
  if (code < 0) return "accepted";
  return WARNING_CODES.has(code) ? "warning" : "failed";
}

function textOr(report: CsoftReport, fallback: string): string {
  const text = report.text.trim();
  return text === "" ? fallback : text;
}

export function classify(report: CsoftReport): CodeMeaning {
  switch (report.scheme) {
    case "report":
      return (
        REPORT_CODES.get(report.code) ?? {
          outcome: outcomeByRule(report.code),
          meaning: textOr(report, `report code ${report.code} (no published meaning)`),
        }
      );
    case "formatOne":
      return (
        FORMAT_ONE_CODES.get(report.code) ?? {
          outcome: report.code <= 0 ? "accepted" : "failed",
          meaning: textOr(report, `Format One code ${report.code} (no published meaning)`),
        }
      );
    case "format0":
      // An older numbering (the document's example is `171 - Invalid login`): only the sign
      // rule is safe, and 0 is not known to mean delivered there.
      return {
        outcome: report.code <= 0 ? "accepted" : "failed",
        meaning: textOr(report, `ResponseFormat 0 code ${report.code} (no text given)`),
      };
  }
}
