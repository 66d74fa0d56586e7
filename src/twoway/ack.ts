/** What a reply's text says: an acknowledgement (of one page when it names it), or words. */
export type ReplyIntent = { kind: "ack"; pageId?: number } | { kind: "text" };

/** The ack word, then optionally a page number (`42` or `#42`), then anything. */
const LEADING_WORD = /^\s*([\p{L}\p{N}]+)(?:[\s,.:;!-]+#?(\d{1,15})\b)?/u;

/**
 * Reads a reply: it acknowledges when its first word is one of `words` (any letter case), so
 * `ok, on my way` and `YES 42` do, and `okay` or `no ack` do not. A number right after the
 * word names the page (`ACK 42`).
 */
export function readReply(message: string, words: readonly string[]): ReplyIntent {
  const match = LEADING_WORD.exec(message);
  const first = match?.[1]?.toLowerCase();
  if (first === undefined || !words.some((word) => word.toLowerCase() === first)) {
    return { kind: "text" };
  }
  const id = match?.[2];
  return id === undefined ? { kind: "ack" } : { kind: "ack", pageId: Number(id) };
}
