/** At most `count` pages per `windowMs`, per person. */
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

/** A sliding window per person, in memory; time comes from the caller so tests need not wait. */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #taken = new Map<string, number[]>();

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Takes one page for `who`, or says how long until they may page again. */
  take(who: string): { ok: true } | { ok: false; retryInMs: number } {
    const now = this.#now();
    const recent = (this.#taken.get(who) ?? []).filter((at) => now - at < this.#limit.windowMs);
    if (recent.length >= this.#limit.count) {
      this.#taken.set(who, recent);
      return { ok: false, retryInMs: (recent[0] as number) + this.#limit.windowMs - now };
    }
    recent.push(now);
    this.#taken.set(who, recent);
    return { ok: true };
  }

  refusal(retryInMs: number): string {
    const { count, windowMs } = this.#limit;
    return `Too many pages: at most ${count} per ${describeWindow(windowMs)} each. Try again in ${describeWindow(Math.max(1000, Math.ceil(retryInMs / 1000) * 1000))}. Nothing was sent.`;
  }
}
