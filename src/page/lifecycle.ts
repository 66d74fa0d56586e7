/** A pager's lifecycle: the bound on commands in flight, and closing (pages being sent, shutdown). */
import { type PagerBase, recordDeclined } from "./context.js";
import type { Admission, CommandOrigin } from "./types.js";

export class Lifecycle {
  readonly #base: PagerBase;
  readonly #maxInFlight: number;
  /** Commands being handled now, from their receipt to their last answer. */
  #inFlight = 0;
  /** Pages recorded and being sent, by history id. */
  readonly #sending = new Map<number, Promise<unknown>>();
  #closing = false;
  /** Aborted by shutdown: questions asked at a terminal are withdrawn. */
  readonly #stopping = new AbortController();
  /** Timers of work to do later (a stored question's expiry), cancelled by shutdown. */
  readonly #timers = new Set<() => void>();

  constructor(base: PagerBase, maxInFlight: number) {
    this.#base = base;
    this.#maxInFlight = maxInFlight;
  }

  /** True once shutdown began: no more commands or pages are taken. */
  get closing(): boolean {
    return this.#closing;
  }

  get stopping(): AbortSignal {
    return this.#stopping.signal;
  }

  /** Counted from here until released, so that a burst cannot grow memory without limit. */
  admit(): Admission | undefined {
    if (this.#inFlight >= this.#maxInFlight) return undefined;
    this.#inFlight += 1;
    let held = true;
    return {
      release: () => {
        if (!held) return;
        held = false;
        this.#inFlight -= 1;
      },
    };
  }

  turnAwayBusy(typed: string, from: CommandOrigin): string {
    const reason = busy(this.#inFlight);
    // Answered at once (in the acknowledgement); the refusal is recorded meanwhile.
    recordDeclined(this.#base, from, typed, "refused", reason).catch((error: unknown) => {
      this.#base.logFor(from).error({ err: error }, "could not record a refusal");
    });
    return reason;
  }

  /**
   * Runs `work` after `ms` unless the pager shuts down first. Its failure is logged: nobody
   * awaits it.
   */
  later(ms: number, work: () => Promise<void>): void {
    const cancel = this.#base.clock.setTimer(() => {
      this.#timers.delete(cancel);
      work().catch((error: unknown) => {
        this.#base.logger.error({ err: error }, "delayed work failed");
      });
    }, ms);
    this.#timers.add(cancel);
  }

  /** Page `id` is being sent by `work`: a shutdown waits for it until `finished(id)`. */
  sending(id: number, work: Promise<unknown>): void {
    this.#sending.set(id, work);
  }

  finished(id: number): void {
    this.#sending.delete(id);
  }

  async shutdown(graceMs: number): Promise<number> {
    const { clock, store, logger, at } = this.#base;
    this.#closing = true;
    this.#stopping.abort();
    // Stored questions stay open: another process, or this one restarted, answers their click.
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    if (this.#sending.size > 0) {
      let cancelTimer = () => {};
      const timeUp = new Promise<void>((resolve) => {
        cancelTimer = clock.setTimer(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...this.#sending.values()]), timeUp]);
      cancelTimer();
    }
    const unfinished = [...this.#sending.keys()];
    const interrupted = unfinished.length > 0 ? await store.markInterrupted(at(), unfinished) : 0;
    if (interrupted > 0) logger.warn({ pages: unfinished }, "pages interrupted by the shutdown");
    return interrupted;
  }
}

const busy = (pages: number) =>
  `The bot is busy with ${pages === 1 ? "1 page" : `${pages} pages`}; nothing was sent — try again in a minute.`;
