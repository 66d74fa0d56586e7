import { type CommandInput, INPUT_PROBLEMS, toCommand } from "./input.js";
import type { SendFields, SmsCommand } from "./types.js";
import { EXAMPLE, UsageError, usageError } from "./usage.js";

interface Token {
  text: string;
  start: number;
  end: number;
}

type ValueField = "delay" | "at" | "service" | "replyTo" | "escalateAfter" | "escalateTo";

/** Options of the text grammar: the flag, or the SendFields key its value goes to. */
const OPTIONS = new Map<string, "flash" | "dryRun" | "yes" | ValueField>([
  ["flash", "flash"],
  ["dry-run", "dryRun"],
  ["yes", "yes"],
  ["delay", "delay"],
  ["at", "at"],
  ["service", "service"],
  ["reply-to", "replyTo"],
  ["escalate-after", "escalateAfter"],
  ["escalate-to", "escalateTo"],
]);

const OPTION_LIST =
  "--flash, --dry-run, --yes, --delay <minutes|30m|2h|1d>, --at <YYYY-MM-DDTHH:MM[:SS][Z]>, --service default|premier|economy, --reply-to <number>, --escalate-after <10s-24h> with --escalate-to <recipients>";
const END_OF_OPTIONS = "--";
/** `--name` or `--name=value`. */
const OPTION = /^--([a-z][^=]*)(?:=([\s\S]*))?$/i;
/** Chat apps often turn a typed `--` into a dash; accepted before a known option name only. */
const DASHED_OPTION = /^[\u2013\u2014]([a-z][^=]*)(?:=([\s\S]*))?$/i;

/**
 * Parses the text after `/sms` into a command, validated: the grammar alone, for text whose
 * recipients hold no chat mentions.
 */
export function parseSmsText(text: string, now: Date): SmsCommand {
  return toCommand(parseCommand(text), now);
}

/**
 * Reads the text after `/sms` as a command input: the keyword, the recipients word, the
 * message and the options. Options may stand anywhere after the recipients; the message keeps
 * the spacing typed within each run of words between options. Text that is no command is an
 * `invalid` input, which the core answers.
 */
export function parseCommand(text: string): CommandInput {
  try {
    return readCommand(text);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { kind: "invalid", typed: text.trim(), problem: error.message };
  }
}

function readCommand(text: string): CommandInput {
  const tokens = [...text.matchAll(/\S+/g)].map(
    (match): Token => ({ text: match[0], start: match.index, end: match.index + match[0].length }),
  );
  if (tokens[0]?.text.toLowerCase() === "/sms") tokens.shift();
  const [first, ...rest] = tokens;
  if (first === undefined) return { kind: "help" };
  const firstWord = first.text.toLowerCase();
  if (firstWord === "help" || firstWord === "--help") return { kind: "help" };
  if (firstWord === "who") return parseWho(rest);
  if (firstWord === "history") return parseHistory(rest);
  if (firstWord === "status") return parseStatus(rest);
  if (firstWord === "credit") return parseCredit(rest);
  if (firstWord === "resend") return parseResend(rest);
  if (readOption(first.text) !== null) {
    throw usageError(`Recipients come first, then the message; \`${first.text}\` came first.`);
  }
  if (first.text.endsWith(",") && rest.length > 0) {
    // "a, b hi" would page only a, with "b hi" as the message.
    throw usageError(
      `\`${first.text}\` ends with a comma: write the recipients as one word, with no space after a comma.`,
      "/sms 447700900123,447700900124 db1 is down",
    );
  }
  const { to, message, ...options } = readFields(text, first.text, rest);
  return { kind: "page", recipients: to, message, options };
}

function parseWho(tokens: readonly Token[]): CommandInput {
  const [to, extra] = tokens;
  if (to === undefined || extra !== undefined) {
    throw usageError(
      "`who` takes one word of recipients, comma-separated, and shows who they are without sending.",
      "/sms who db-oncall,447700900123",
    );
  }
  return { kind: "who", recipients: to.text };
}

function parseHistory(tokens: readonly Token[]): CommandInput {
  const [count, extra] = tokens;
  if (count === undefined) return { kind: "history" };
  if (extra !== undefined || !/^\d{1,3}$/.test(count.text)) throw INPUT_PROBLEMS.history();
  return { kind: "history", limit: Number(count.text) };
}

function parseStatus(tokens: readonly Token[]): CommandInput {
  const [query, extra] = tokens;
  if (query === undefined || extra !== undefined) throw INPUT_PROBLEMS.status();
  return { kind: "status", query: query.text };
}

function parseCredit(tokens: readonly Token[]): CommandInput {
  if (tokens.length > 0) {
    throw usageError(
      "`credit` takes nothing after it: it shows the csoft account's balance.",
      "/sms credit",
    );
  }
  return { kind: "credit" };
}

function parseResend(tokens: readonly Token[]): CommandInput {
  const [id, extra] = tokens;
  if (extra !== undefined || id === undefined || !/^#?\d{1,15}$/.test(id.text)) {
    throw INPUT_PROBLEMS.resend();
  }
  return { kind: "resend", pageId: Number(id.text.replace("#", "")) };
}

function readFields(text: string, to: string, tokens: readonly Token[]): SendFields {
  const fields: SendFields = { to, message: "" };
  const runs: string[] = [];
  let run: { start: number; end: number } | undefined;
  const endRun = () => {
    if (run !== undefined) runs.push(text.slice(run.start, run.end));
    run = undefined;
  };
  const given = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.text === END_OF_OPTIONS) {
      endRun();
      const tail = text.slice(token.end).trim();
      if (tail !== "") runs.push(tail);
      break;
    }
    const option = readOption(token.text);
    if (option === null) {
      run = { start: run?.start ?? token.start, end: token.end };
      continue;
    }
    endRun();
    const field = OPTIONS.get(option.name);
    if (field === undefined) throw unknownOption(token.text);
    if (given.has(field)) {
      throw usageError(`\`--${option.name}\` is given twice; give it once.`);
    }
    given.add(field);
    if (field === "flash" || field === "dryRun" || field === "yes") {
      if (option.value !== undefined) throw usageError(`\`--${option.name}\` takes no value.`);
      fields[field] = true;
      continue;
    }
    const value = option.value ?? nextValue(tokens[i + 1], option.name);
    if (option.value === undefined) i++;
    fields[field] = value;
  }
  endRun();
  fields.message = runs.join(" ");
  return fields;
}

/** Reads a token as an option, or returns null when it is message text. */
function readOption(word: string): { name: string; value: string | undefined } | null {
  const typed = OPTION.exec(word);
  if (typed) return { name: (typed[1] as string).toLowerCase(), value: typed[2] };
  const dashed = DASHED_OPTION.exec(word);
  const name = dashed?.[1]?.toLowerCase();
  if (dashed && name !== undefined && OPTIONS.has(name)) return { name, value: dashed[2] };
  return null;
}

function nextValue(token: Token | undefined, name: string): string {
  if (token === undefined || token.text === END_OF_OPTIONS || readOption(token.text) !== null) {
    throw usageError(`\`--${name}\` needs a value after it.`, `${EXAMPLE} ${valueExample(name)}`);
  }
  return token.text;
}

function valueExample(name: string): string {
  switch (name) {
    case "delay":
      return "--delay 30m";
    case "at":
      return "--at 2030-06-01T09:30Z";
    case "service":
      return "--service premier";
    case "escalate-after":
      return "--escalate-after 5m --escalate-to carol";
    case "escalate-to":
      return "--escalate-to carol --escalate-after 5m";
    default:
      return "--reply-to 447700900999";
  }
}

function unknownOption(word: string): UsageError {
  return usageError(
    `\`${word}\` is not an option. Options: ${OPTION_LIST}. To send text that starts with --, put a lone -- before it: everything after -- is message.`,
    "/sms 447700900123 -- --force was needed",
  );
}
