// Slack's published Block Kit limits, and fitting lines of text inside them.

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  /** A section's text, and a text object's. */
  sectionText: 3000,
  headerText: 150,
} as const;

/**
 * Groups lines, in order, into texts of at most `maxChars` characters and `maxLines` lines,
 * joined by newlines. A line is never split across texts; one longer than `maxChars` on its
 * own is cut, so every text fits.
 */
export function packLines(lines: readonly string[], maxChars: number, maxLines: number): string[] {
  const texts: string[] = [];
  let current: string[] = [];
  let length = 0;
  for (const raw of lines) {
    const line = fitLine(raw, maxChars);
    const added = current.length === 0 ? line.length : line.length + 1;
    if (current.length > 0 && (length + added > maxChars || current.length >= maxLines)) {
      texts.push(current.join("\n"));
      current = [];
      length = 0;
    }
    length += current.length === 0 ? line.length : line.length + 1;
    current.push(line);
  }
  if (current.length > 0) texts.push(current.join("\n"));
  return texts;
}

/** Cuts a mrkdwn line to `maxChars` without leaving half an entity (`&am`) at the cut. */
export function fitLine(line: string, maxChars: number): string {
  if (line.length <= maxChars) return line;
  const cut = line.slice(0, maxChars - 1).replace(/&[a-z]*$/, "");
  return `${cut}…`;
}
