// Slack's text format both ways: escaping what we post, and turning what people type
// (sent with should_escape on) back into plain text.

/** Slack reads `&`, `<` and `>` as control characters; everything we did not write is escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** A user or user-group mention as the bot writes it (user IDs begin with U or W), once escaped. */
const ESCAPED_MENTION = /&lt;(@[UW][A-Z0-9]+|!subteam\^[A-Z0-9]+)&gt;/g;

/**
 * Escapes a text of the core's, keeping the user mentions it carries live (who paged, in the
 * history): what people typed is stored as plain text, with Slack's own mentions made labels.
 */
export function escapeKeepingMentions(text: string): string {
  return escapeMrkdwn(text).replace(ESCAPED_MENTION, (_match, mention: string) => `<${mention}>`);
}

export function unescapeEntities(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

/** `<@U123|name>`, `<!subteam^S123|@oncall>`, `<#C123|general>`, `<!here>`, `<https://…|label>`. */
const SLACK_REFERENCE = /<([^<>]*)>/g;

/**
 * Plain text of a message as people read it in Slack: references become their labels,
 * entities their characters. Text sent by SMS must not carry Slack's markup.
 */
export function toPlainText(text: string): string {
  return unescapeEntities(text.replace(SLACK_REFERENCE, (_match, inner: string) => labelOf(inner)));
}

function labelOf(reference: string): string {
  const bar = reference.indexOf("|");
  const target = bar === -1 ? reference : reference.slice(0, bar);
  const label = bar === -1 ? undefined : reference.slice(bar + 1);
  if (target.startsWith("@")) return label ? `@${label.replace(/^@/, "")}` : target;
  if (target.startsWith("#")) return label ? `#${label}` : target;
  if (target.startsWith("!subteam^")) return label ?? "@group";
  if (target.startsWith("!")) return label ?? `@${target.slice(1).split("^")[0]}`;
  if (target.startsWith("tel:") || target.startsWith("mailto:")) return label ?? target;
  return label ?? target;
}

/** Keeps a text within a block's limit, marking the cut. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** A Slack mention of a user; Slack renders it as the person's name. */
export function mentionUser(userId: string): string {
  return `<@${userId}>`;
}

export function mentionGroup(groupId: string): string {
  return `<!subteam^${groupId}>`;
}
