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

/** A wait as people say it: whole minutes rounded up, seconds only under a minute. */
function describeWait(ms: number): string {
  return ms < 60_000 ? `${Math.max(1, Math.ceil(ms / 1000))} s` : `${Math.ceil(ms / 60_000)} min`;
}

export type RateCheck = { ok: true } | { ok: false; retryInMs: number };

/**
 * A sliding window per person, in memory; time comes from the caller so tests need not wait.
 * A slot is taken only for a page about to be sent: questions that end in nothing take none.
 */
export class RateLimiter {
  readonly #limit: RateLimit;
  readonly #now: () => number;
  readonly #taken = new Map<string, number[]>();

  constructor(limit: RateLimit, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  /** Whether `who` may page now, without taking a slot. */
  check(who: string): RateCheck {
    const now = this.#now();
    const recent = this.#recent(who, now);
    if (recent.length < this.#limit.count) return { ok: true };
    return { ok: false, retryInMs: (recent[0] as number) + this.#limit.windowMs - now };
  }

  /** Takes a slot for `who`; `release` gives it back when the page is not sent after all. */
  take(who: string): { ok: true; release: () => void } | { ok: false; retryInMs: number } {
    const checked = this.check(who);
    if (!checked.ok) return checked;
    const at = this.#now();
    this.#recent(who, at).push(at);
    const release = () => {
      const slots = this.#taken.get(who) ?? [];
      const index = slots.indexOf(at);
      if (index >= 0) slots.splice(index, 1);
    };
    return { ok: true, release };
  }

  refusal(retryInMs: number): string {
    const { count, windowMs } = this.#limit;
    return `Too many pages: at most ${count} per ${describeWindow(windowMs)} each. Try again in ${describeWait(retryInMs)}. Nothing was sent.`;
  }

  /** The slots of `who` still inside the window, oldest first (older ones are dropped). */
  #recent(who: string, now: number): number[] {
    const recent = (this.#taken.get(who) ?? []).filter((at) => now - at < this.#limit.windowMs);
    this.#taken.set(who, recent);
    return recent;
  }
}
