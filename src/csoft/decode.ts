import { CsoftProtocolError } from "./errors.js";
import type { CsoftReport } from "./types.js";

/** Legacy Format One answers exactly one of these codes, alone. */
const FORMAT_ONE = /^(01|97|99)$/;
/** ResponseFormat 0: `<report number><space><hyphen><space><report message>`. */
const FORMAT_ZERO = /^(-?\d{1,6}) - ?([^\r\n]*)$/;
const INTEGER = /^-?\d{1,6}$/;
/** csoft's "no identifier" value. */
const NO_MESSAGE_ID = "-1";

function percentDecode(value: string): string {
  try {
    // Form encoding: `+` is a space, as in application/x-www-form-urlencoded.
    return decodeURIComponent(value.replaceAll("+", " "));
  } catch (error) {
    throw new CsoftProtocolError("a value is not valid percent-encoding", { cause: error });
  }
}

/** `a=1&b=2` → map of raw (still encoded) values; null when the body is not tag=value pairs. */
function splitFields(body: string): Map<string, string> | null {
  const fields = new Map<string, string>();
  for (const pair of body.split("&")) {
    const equals = pair.indexOf("=");
    if (equals <= 0) return null;
    const tag = pair.slice(0, equals).toLowerCase();
    if (fields.has(tag)) throw new CsoftProtocolError("a field is repeated");
    fields.set(tag, pair.slice(equals + 1));
  }
  return fields;
}

function parseCode(raw: string): number {
  if (!INTEGER.test(raw)) throw new CsoftProtocolError("a Report value is not an integer");
  return Number(raw);
}

/** Texts follow the reports by position; a missing, blank or ragged Text list never fails. */
function alignTexts(rawText: string | undefined, count: number): string[] {
  if (rawText === undefined || rawText.trim() === "") return Array(count).fill("");
  const parts = rawText.split(",");
  // A single report whose Text holds a literal comma: the whole value is its text.
  if (count === 1) return [percentDecode(rawText)];
  return Array.from({ length: count }, (_, i) => percentDecode(parts[i] ?? ""));
}

/** ResponseFormat 1 (one value per tag) and 3 (one comma-separated value per number). */
function decodeTagged(fields: Map<string, string>): CsoftReport[] {
  const rawIds = fields.get("messageidentifier");
  const rawReports = fields.get("report");
  if (rawIds === undefined || rawReports === undefined) {
    throw new CsoftProtocolError("MessageIdentifier or Report is missing");
  }
  const ids = rawIds.split(",").map((id) => percentDecode(id).trim());
  const codes = rawReports.split(",").map((code) => parseCode(percentDecode(code).trim()));
  if (ids.length !== codes.length) {
    throw new CsoftProtocolError(
      `${ids.length} message identifiers but ${codes.length} report codes`,
    );
  }
  const texts = alignTexts(fields.get("text"), codes.length);
  return codes.map((code, i) => {
    const id = ids[i] ?? "";
    return {
      scheme: "report",
      code,
      text: texts[i] ?? "",
      messageId: id === "" || id === NO_MESSAGE_ID ? null : id,
    };
  });
}

/**
 * A csoft answer body → its reports, in csoft's order. Throws CsoftProtocolError for anything
 * that is not a csoft answer (an HTML error page, an empty body, garbled fields); the error
 * never quotes the body.
 */
export function decodeResponse(body: string): CsoftReport[] {
  const trimmed = body.trim();
  if (trimmed === "") throw new CsoftProtocolError("the body is empty");

  const formatOne = FORMAT_ONE.exec(trimmed);
  if (formatOne) {
    return [{ scheme: "formatOne", code: Number(formatOne[1]), text: "", messageId: null }];
  }

  const formatZero = FORMAT_ZERO.exec(trimmed);
  if (formatZero) {
    const [, code = "", text = ""] = formatZero;
    return [{ scheme: "format0", code: Number(code), text: text.trim(), messageId: null }];
  }

  const fields = splitFields(trimmed);
  if (!fields) throw new CsoftProtocolError("the body is not tag=value pairs");
  return decodeTagged(fields);
}
