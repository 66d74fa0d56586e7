/** CommandInput: the one typed shape every adapter hands the core, and how the core reads it. */
import { buildSendCommand } from "./fields.js";
import { normaliseNumber, parseRecipients } from "./recipients.js";
import type { RecipientRef, SendFields, SmsCommand } from "./types.js";
import { UsageError, usageError } from "./usage.js";

/** A page's options as given (typed text or a chat's typed fields); the core validates them. */
export type PageOptions = Omit<SendFields, "to" | "message">;

/**
 * One command, as an adapter builds it: Slack and the terminal by parsing text with the
 * grammar (parseCommand), Discord from its typed options. Nothing in it is validated yet:
 * the core validates every input the same way, whichever chat built it.
 */
export type CommandInput =
  | {
      kind: "page";
      /** One word, comma-separated, as typed: numbers, names, `book:…`, and the chat's mentions. */
      recipients: string;
      message: string;
      options: PageOptions;
    }
  | { kind: "who"; recipients: string }
  /** The last pages; DEFAULT_HISTORY when no limit is given. */
  | { kind: "history"; limit?: number }
  | { kind: "status"; query: string }
  | { kind: "credit" }
  | { kind: "resend"; pageId: number }
  | { kind: "help" }
  /** Text that is no command: the core answers `problem` privately and sends nothing. */
  | { kind: "invalid"; typed: string; problem: string };

/** The most pages `/sms history` lists at once: a chat answer stays readable. */
export const MAX_HISTORY = 50;
export const DEFAULT_HISTORY = 10;
const MAX_STATUS_QUERY = 64;

export const INPUT_PROBLEMS = {
  history: () =>
    usageError(
      `\`history\` takes at most one number, from 1 to ${MAX_HISTORY}: how many of the last pages to show.`,
      "/sms history 20",
    ),
  status: () =>
    usageError(
      "`status` takes one csoft message identifier (from a page's results) or one international number.",
      "/sms status 30106CCE",
    ),
  resend: () =>
    usageError(
      "`resend` takes one page number (from `/sms history`), and resends that page to its numbers whose result is unknown.",
      "/sms resend 42",
    ),
};

/** The entries of a recipients word: split on commas, trimmed, empty ones skipped. */
export function recipientTokens(recipients: string): string[] {
  return recipients
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

/**
 * Validates an input into the command the pager runs. `mentions`: what the chat's resolver
 * made of the recipient tokens it claimed (a mention), each token's recipients.
 */
export function toCommand(
  input: CommandInput,
  now: Date,
  mentions?: ReadonlyMap<string, readonly RecipientRef[]>,
): SmsCommand {
  switch (input.kind) {
    case "page": {
      const fields = { ...input.options, to: input.recipients, message: input.message };
      return buildSendCommand(fields, now, parseRecipients(input.recipients, mentions));
    }
    case "who":
      return { kind: "who", recipients: parseRecipients(input.recipients, mentions) };
    case "history": {
      const limit = input.limit ?? DEFAULT_HISTORY;
      if (!(Number.isInteger(limit) && limit >= 1 && limit <= MAX_HISTORY)) {
        throw INPUT_PROBLEMS.history();
      }
      return { kind: "history", limit };
    }
    case "status": {
      const query = input.query.trim();
      if (query === "" || /\s/.test(query) || query.length > MAX_STATUS_QUERY) {
        throw INPUT_PROBLEMS.status();
      }
      return { kind: "status", query, number: normaliseNumber(query) };
    }
    case "resend":
      if (!(Number.isSafeInteger(input.pageId) && input.pageId >= 1)) throw INPUT_PROBLEMS.resend();
      return { kind: "resend", pageId: input.pageId };
    case "credit":
    case "help":
      return { kind: input.kind };
    case "invalid":
      throw new UsageError(input.problem);
  }
}

const FLAGS = [
  ["flash", "--flash"],
  ["dryRun", "--dry-run"],
  ["yes", "--yes"],
] as const;
const VALUES = [
  ["delay", "--delay"],
  ["at", "--at"],
  ["service", "--service"],
  ["replyTo", "--reply-to"],
] as const;
/** A message word the grammar would read as an option: then the options end with `--`. */
const OPTION_LIKE = /(^|\s)(--|[\u2013\u2014])\S/;

/**
 * The command in the grammar's words, whichever chat built it: what the history and the logs
 * keep of a command "as typed". It parses back to the same input.
 */
export function describeInput(input: CommandInput): string {
  switch (input.kind) {
    case "page": {
      const options = [
        ...FLAGS.filter(([key]) => input.options[key] === true).map(([, flag]) => flag),
        ...VALUES.flatMap(([key, flag]) => {
          const value = input.options[key];
          return value === undefined ? [] : [`${flag} ${value}`];
        }),
      ];
      if (OPTION_LIKE.test(input.message)) {
        return [input.recipients, ...options, "--", input.message].join(" ");
      }
      return [input.recipients, input.message, ...options].join(" ");
    }
    case "who":
      return `who ${input.recipients}`;
    case "history":
      return input.limit === undefined ? "history" : `history ${input.limit}`;
    case "status":
      return `status ${input.query}`;
    case "resend":
      return `resend ${input.pageId}`;
    case "credit":
    case "help":
      return input.kind;
    case "invalid":
      return input.typed;
  }
}
