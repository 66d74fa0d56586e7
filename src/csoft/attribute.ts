import { classify } from "./report-codes.js";
import type { CsoftReport, NumberResult, Outcome, ServerName } from "./types.js";

/** How csoft's reports were matched to a batch's recipients. */
export type Attribution =
  /** One report per recipient, in order. */
  | { kind: "perRecipient"; results: NumberResult[] }
  /** One report answering the whole request (e.g. invalid login); every recipient gets it. */
  | { kind: "wholeRequest"; report: CsoftReport; results: NumberResult[] }
  /** csoft answered, but with a count of reports that matches no recipient list. */
  | { kind: "unattributable"; reportCount: number; results: NumberResult[] };

/** How an address book is named to people: `book:Name`, or `book:Name::Group`. */
export function addressBookLabel(book: string, group?: string): string {
  return group ? `book:${book}::${group}` : `book:${book}`;
}

function resultFromReport(
  recipient: string,
  report: CsoftReport,
  server: ServerName,
): NumberResult {
  const { outcome, meaning } = classify(report);
  return {
    recipient,
    reportCode: report.code,
    scheme: report.scheme,
    outcome,
    meaning,
    csoftText: report.text,
    messageId: report.messageId,
    server,
  };
}

/** A result without a report code: csoft was not reached, or its answer is not known. */
export function resultWithoutReport(
  recipient: string,
  outcome: Extract<Outcome, "failed" | "unknown">,
  meaning: string,
  server: ServerName | null = null,
): NumberResult {
  return {
    recipient,
    reportCode: null,
    scheme: null,
    outcome,
    meaning,
    csoftText: "",
    messageId: null,
    server,
  };
}

/**
 * Matches the reports of one answer to the numbers of its batch: one report per number is
 * positional; a single report for several numbers answers the whole request (and legacy formats
 * only ever answer that way); any other count cannot be attributed, so every number is unknown.
 */
export function attributeReports(
  numbers: readonly string[],
  reports: readonly CsoftReport[],
  server: ServerName,
): Attribution {
  const [only] = reports;
  if (reports.length === 1 && only && (numbers.length > 1 || only.scheme !== "report")) {
    return {
      kind: "wholeRequest",
      report: only,
      results: numbers.map((number) => resultFromReport(number, only, server)),
    };
  }
  if (reports.length === numbers.length) {
    return {
      kind: "perRecipient",
      results: reports.map((report, i) => resultFromReport(numbers[i] ?? "", report, server)),
    };
  }
  const meaning = `csoft answered ${reports.length} reports for ${numbers.length} numbers, so which number each belongs to is unknown; not resent`;
  return {
    kind: "unattributable",
    reportCount: reports.length,
    results: numbers.map((number) => resultWithoutReport(number, "unknown", meaning, server)),
  };
}

/**
 * An address book's members are known only to csoft: each report is one member, labelled
 * `book:Name[::Group] #i`. A single report may answer the whole request, so it keeps the plain label.
 */
export function attributeAddressBook(
  label: string,
  reports: readonly CsoftReport[],
  server: ServerName,
): Attribution {
  const [only] = reports;
  if (reports.length === 1 && only) {
    return { kind: "wholeRequest", report: only, results: [resultFromReport(label, only, server)] };
  }
  return {
    kind: "perRecipient",
    results: reports.map((report, i) => resultFromReport(`${label} #${i + 1}`, report, server)),
  };
}
