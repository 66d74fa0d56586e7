/**
 * Discord's message and embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
 * The 6,000-character total applies to all embeds of one message together, so we budget per message.
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  charactersPerMessage: 6000,
  fieldsPerEmbed: 25,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  threadName: 100,
} as const;

/** Cuts text to at most `max` characters, marking the cut so nobody mistakes it for the whole. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/** Splits text into pieces of at most `max` characters, at line breaks where it can. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf("\n", max);
    const at = cut > 0 ? cut : max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(cut > 0 ? at + 1 : at);
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}
