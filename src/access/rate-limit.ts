/**
 * At most `count` pages per `windowMs`, per person. The pages counted are those the store
 * recorded for sending (src/store): a question cancelled, expired or refused takes no slot.
 */
export interface RateLimit {
  count: number;
  windowMs: number;
}

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** `5/10m`, `20/1h`, `3/30s`; null when the text is not of that form. */
export function parseRateLimit(text: string): RateLimit | null {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*([smh])\s*$/.exec(text);
  if (!match) return null;
  const count = Number(match[1]);
  const windowMs = Number(match[2]) * (UNITS[match[3] as string] as number);
  if (count < 1 || windowMs < 1) return null;
  return { count, windowMs };
}

function describeWindow(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${Math.ceil(ms / 1000)} s`;
}

/** A wait as people say it: whole minutes rounded up, seconds only under a minute. */
function describeWait(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : `${Math.ceil(ms / 60_000)} min`;
}

/**
 * How long until a person who sent pages at `sent` (ms, newest first, at least the
 * `limit.count` newest of the window) may page again at `now`; 0 when they may now.
 * The wait ends when the oldest page that keeps the window full leaves it.
 */
export function rateWait(sent: readonly number[], limit: RateLimit, now: number): number {
  const blocking = sent[limit.count - 1];
  return blocking === undefined ? 0 : blocking + limit.windowMs - now;
}

export function rateRefusal(limit: RateLimit, retryInMs: number): string {
  const { count, windowMs } = limit;
  return `Too many pages: at most ${count} per ${describeWindow(windowMs)} each. Try again in ${describeWait(retryInMs)}. Nothing was sent.`;
}
