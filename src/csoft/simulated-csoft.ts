import { MAX_BATCH_SIZE } from "../defaults.js";
import { ChatopsError } from "../errors.js";
import { percentEncode } from "./encode.js";
import type { AcceptedMessage } from "./simulated-receipts.js";

/** A number's simulated fate, chosen by how the number ends. */
export interface SimulatedOutcome {
  /** The number's last two digits; null for every number no other row matches. */
  endsWith: string | null;
  report: number;
  text: string;
}

/** The simulator's deterministic rules, in the order they are tried (the README cites them). */
export const SIMULATED_OUTCOMES: readonly SimulatedOutcome[] = [
  { endsWith: "15", report: 15, text: "Out of credit" },
  { endsWith: "03", report: 3, text: "Invalid number" },
  { endsWith: "08", report: 8, text: "Number blacklisted" },
  { endsWith: "11", report: 11, text: "Invalid characters removed" },
  { endsWith: "00", report: 0, text: "Delivered" },
  { endsWith: null, report: -2, text: "Accepted by csoft: queued" },
];

/** How many pretend members every address book has. */
const SIMULATED_ADDRESS_BOOK_SIZE = 3;

/** The first message identifier, from the document's example. */
export const FIRST_MESSAGE_ID = 0x30106cce;

export interface SimulatedAccount {
  username: string;
  pin: string;
}

/** The account the simulator accepts unless told otherwise: the demo mode logs in with it. */
export const DEMO_ACCOUNT: Readonly<SimulatedAccount> = { username: "demo", pin: "0000" };

interface Report {
  id: string;
  code: number;
  text: string;
}

const INVALID_NUMBER: SimulatedOutcome = { endsWith: null, report: 3, text: "Invalid number" };
const ACCEPTED = SIMULATED_OUTCOMES.find((row) => row.endsWith === null) as SimulatedOutcome;
/** A failure is a positive code other than the warnings (11, 19). */
const isFailure = (code: number): boolean => code > 0 && code !== 11 && code !== 19;

function simulatedOutcome(number: string): SimulatedOutcome {
  if (!/^\d+$/.test(number)) return INVALID_NUMBER;
  return (
    SIMULATED_OUTCOMES.find((row) => row.endsWith === null || number.endsWith(row.endsWith)) ??
    ACCEPTED
  );
}

/** Parameter names as csoft reads them: case-insensitive (its own example writes `UserName`). */
function lookup(params: URLSearchParams): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const [name, value] of params) {
    const key = name.toLowerCase();
    if (!byName.has(key)) byName.set(key, value);
  }
  return (name) => byName.get(name.toLowerCase());
}

const splitNumbers = (value: string): string[] =>
  value
    .split(",")
    .map((number) => number.trim())
    .filter((number) => number !== "");

/** Legacy Format One (UN, PIN, N, M): `01` all accepted, `97` syntax or a failure, `99` login. */
function answerFormatOne(get: (name: string) => string | undefined, account: SimulatedAccount) {
  if (get("UN") !== account.username || get("PIN") !== account.pin) return "99";
  const numbers = splitNumbers(get("N") ?? "");
  if (numbers.length === 0 || !get("M") || numbers.length > MAX_BATCH_SIZE) return "97";
  return numbers.some((number) => isFailure(simulatedOutcome(number).report)) ? "97" : "01";
}

/** The Report field writes a minus as %2D, as the document's example does. */
const encodeCode = (code: number): string => (code < 0 ? `%2D${-code}` : String(code));

function formatTagged(reports: readonly Report[]): string {
  return [
    `MessageIdentifier=${reports.map((report) => report.id).join(",")}`,
    `Report=${reports.map((report) => encodeCode(report.code)).join(",")}`,
    `Text=${reports.map((report) => percentEncode(report.text)).join(",")}`,
  ].join("&");
}

/** One report for the whole request, in the chosen ResponseFormat. */
function wholeRequest(format: string, code: number, text: string): string {
  return format === "0" ? `${code} - ${text}` : formatTagged([{ id: "-1", code, text }]);
}

/**
 * The body csoft would answer to one sendsms request. `nextId` hands out message identifiers;
 * `accepted` is told the numbers csoft took (not refused at once), which receipts are due for.
 *
 * csoft publishes no answer for a request it cannot act on (no number, no message, more than
 * 350 numbers). The simulator answers the whole request in the documented whole-request shape
 * (as the document's Invalid Login example) with code 98: one the document lists for clients
 * to handle, whose meaning is unpublished, so a client shows the Text given here.
 */
export function answerSendSms(
  body: string,
  account: SimulatedAccount,
  nextId: () => string,
  accepted?: (messages: AcceptedMessage[]) => void,
) {
  const get = lookup(new URLSearchParams(body));
  if (get("Username") === undefined && (get("UN") !== undefined || get("N") !== undefined)) {
    return answerFormatOne(get, account);
  }
  const format = get("ResponseFormat")?.trim() ?? "0";
  if (get("Username") !== account.username || get("PIN") !== account.pin) {
    return format === "0" ? "171 - Invalid login" : wholeRequest(format, 2, "Invalid Login");
  }
  if (!get("Message") && !get("FlashMessage")) {
    return wholeRequest(format, 98, "Message or FlashMessage is missing");
  }

  let reports: Report[];
  const book = get("SendToAddressBook");
  if (get("SendTo") !== undefined) {
    const numbers = splitNumbers(get("SendTo") ?? "");
    if (numbers.length === 0) return wholeRequest(format, 98, "SendTo holds no number");
    // The document's suggested limit, which the simulator enforces.
    if (numbers.length > MAX_BATCH_SIZE) {
      return wholeRequest(format, 98, `More than ${MAX_BATCH_SIZE} numbers in one request`);
    }
    const sent = numbers.map((number) => {
      const { report, text } = simulatedOutcome(number);
      return { number, id: nextId(), code: report, text };
    });
    accepted?.(sent.filter((message) => !isFailure(message.code)));
    reports = sent;
  } else if (book) {
    reports = Array.from({ length: SIMULATED_ADDRESS_BOOK_SIZE }, () => ({
      id: nextId(),
      code: ACCEPTED.report,
      text: ACCEPTED.text,
    }));
  } else {
    return wholeRequest(format, 98, "SendTo or SendToAddressBook is missing");
  }

  if (format === "3") return formatTagged(reports);
  // ResponseFormat 1 and 0 answer once: the last failure, else the last number.
  const chosen = reports.findLast((report) => isFailure(report.code)) ?? reports.at(-1);
  if (!chosen) {
    throw new ChatopsError("INTERNAL", "a simulated send always has at least one report");
  }
  return format === "1" ? formatTagged([chosen]) : `${chosen.code} - ${chosen.text}`;
}
