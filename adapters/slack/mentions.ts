// Reading the recipients of a `/sms` typed in Slack, where people can be @mentioned.
import { unescapeEntities } from "./mrkdwn.js";

/** One entry of the recipients, as Slack sent it. */
export type RecipientItem =
  | { kind: "user"; userId: string; label?: string }
  | { kind: "group"; groupId: string; label?: string }
  /** A number, `book:…` or contact name: left to the core's grammar. */
  | { kind: "typed"; text: string }
  /** A reference that names no person: a channel, @here, a link. */
  | { kind: "unsupported"; text: string; label: string };

export interface SplitText {
  items: RecipientItem[];
  /** Everything after the recipients (message and options), still in Slack's format. */
  rest: string;
}

const USER = /^@([UW][A-Z0-9]+)(?:\|(.*))?$/;
const GROUP = /^!subteam\^([A-Z0-9]+)(?:\|(.*))?$/;
const PHONE_LINK = /^tel:([^|]*)(?:\|.*)?$/;

/**
 * Splits the text after `/sms` into its recipients and the rest. The recipients are one
 * comma-separated list as in the core grammar, and, because Slack's autocomplete puts a
 * space after each mention, consecutive mentions separated by spaces belong to it too.
 * Returns null for an empty text.
 */
export function splitRecipients(text: string): SplitText | null {
  const items: RecipientItem[] = [];
  let position = skipSpaces(text, 0);
  while (position < text.length) {
    const raw = readEntry(text, position);
    if (raw === "") break;
    const item = readItem(raw);
    items.push(item);
    position += raw.length;
    const afterSpaces = skipSpaces(text, position);
    if (text[afterSpaces] === ",") {
      position = skipSeparators(text, afterSpaces);
      continue;
    }
    const next = readEntry(text, afterSpaces);
    if (isMention(item) && next !== "" && isMention(readItem(next))) {
      position = afterSpaces;
      continue;
    }
    break;
  }
  if (items.length === 0) return null;
  return { items, rest: text.slice(position) };
}

/** True when some entry needs Slack to resolve it before the core can read the text. */
export function needsSlack(items: readonly RecipientItem[]): boolean {
  return items.some((item) => item.kind !== "typed");
}

function isMention(item: RecipientItem): boolean {
  return item.kind === "user" || item.kind === "group";
}

/** Past commas and spaces: empty entries (`a,,b`, `a, b`) are skipped as the core does. */
function skipSeparators(text: string, from: number): number {
  let position = from;
  while (position < text.length && /[\s,]/.test(text[position] as string)) position += 1;
  return position;
}

function skipSpaces(text: string, from: number): number {
  let position = from;
  while (position < text.length && /\s/.test(text[position] as string)) position += 1;
  return position;
}

/** A `<…>` reference, or a run of characters up to a space, a comma or a reference. */
function readEntry(text: string, from: number): string {
  if (text[from] === "<") {
    const close = text.indexOf(">", from);
    return close === -1 ? text.slice(from) : text.slice(from, close + 1);
  }
  const match = /^[^\s,<]+/.exec(text.slice(from));
  return match ? match[0] : "";
}

/** One recipient entry, as Slack sent it: a mention, a reference naming no person, or typed text. */
export function readItem(raw: string): RecipientItem {
  if (!raw.startsWith("<")) return { kind: "typed", text: unescapeEntities(raw) };
  const inner = raw.slice(1, raw.endsWith(">") ? -1 : undefined);
  const user = USER.exec(inner);
  if (user?.[1]) return withLabel({ kind: "user", userId: user[1] }, user[2]);
  const group = GROUP.exec(inner);
  if (group?.[1]) return withLabel({ kind: "group", groupId: group[1] }, group[2]);
  const phone = PHONE_LINK.exec(inner);
  if (phone?.[1]) return { kind: "typed", text: unescapeEntities(phone[1]) };
  const bar = inner.indexOf("|");
  const label = unescapeEntities(bar === -1 ? inner : inner.slice(bar + 1));
  return { kind: "unsupported", text: raw, label };
}

function withLabel<T extends RecipientItem & { kind: "user" | "group" }>(
  item: T,
  label: string | undefined,
): T {
  return label ? { ...item, label: unescapeEntities(label).replace(/^@/, "") } : item;
}
