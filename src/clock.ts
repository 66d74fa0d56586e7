/**
 * The one clock of the product: wall time in milliseconds and timers that can be cancelled.
 * Injected wherever time matters (cool-downs, rate limits, questions that expire, deadlines),
 * so that tests move time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `callback` after `ms`; returns how to cancel it. A timer never keeps the process alive. */
  setTimer(callback: () => void, ms: number): () => void;
}

/** Starts a timer and returns how to cancel it: the Clock's timer on its own. */
export type SetTimer = Clock["setTimer"];

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(callback, ms) {
    const handle = setTimeout(callback, ms);
    handle.unref();
    return () => clearTimeout(handle);
  },
};
