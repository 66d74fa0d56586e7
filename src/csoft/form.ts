import { ChatopsError } from "../errors.js";

/** A form-encoded body that cannot be read: the callback route answers it with 400. */
export class FormError extends ChatopsError {
  constructor(message: string, options?: ErrorOptions) {
    super("CSOFT_BAD_FORM", message, options);
  }
}

/** The fields of one form body, looked up by name. */
export interface FormFields {
  /** The decoded value of the field named `name` (any letter case), or undefined. */
  get(name: string): string | undefined;
}

function decodeValue(raw: string, name: string): string {
  try {
    // application/x-www-form-urlencoded: `+` is a space, `%XX` are UTF-8 octets.
    return decodeURIComponent(raw.replaceAll("+", " "));
  } catch (error) {
    throw new FormError(`${name} is not valid UTF-8 percent-encoding`, { cause: error });
  }
}

/**
 * Reads an `a=1&b=2` body as csoft writes it. Names are matched without regard to letter case,
 * as csoft itself reads them (its own examples write both `UserName` and `Username`); fields in
 * any order; a name given twice is refused, since either value could be the one meant. Values
 * are decoded strictly: a bad `%` sequence or invalid UTF-8 is an error, never a guess.
 */
export function readForm(body: string): FormFields {
  const fields = new Map<string, string>();
  for (const pair of body.trim().split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const name = decodeValue(rawName, "a field name").toLowerCase();
    if (fields.has(name)) throw new FormError(`the field ${rawName} is given twice`);
    fields.set(name, equals === -1 ? "" : decodeValue(pair.slice(equals + 1), rawName));
  }
  return { get: (name) => fields.get(name.toLowerCase()) };
}

/** The value of a field that must be present and not blank, trimmed. */
export function requiredField(form: FormFields, name: string): string {
  const value = form.get(name)?.trim();
  if (value === undefined || value === "") throw new FormError(`${name} is missing`);
  return value;
}

/** csoft's `Timestamp1`: `YYYY-MM-DDTHH:MM:SSZ`, UTC. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * `Timestamp1` as a Date, or undefined when it is absent or not a real UTC time: a status or a
 * reply is worth keeping without it (the time it arrived stands in).
 */
export function readTimestamp(form: FormFields): Date | undefined {
  const text = form.get("Timestamp1")?.trim() ?? "";
  if (!TIMESTAMP.test(text)) return undefined;
  const date = new Date(text);
  // Date rolls 2026-02-30 over into March; such a time was never written by a clock.
  const real =
    !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 19) === text.slice(0, 19);
  return real ? date : undefined;
}
