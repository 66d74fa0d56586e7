/** Commands started and not yet finished, so that a stop can wait for them. */
export class InFlight {
  readonly #work = new Set<Promise<unknown>>();

  /** Follows `work` until it settles, and hands it back. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#work.add(work);
    const forget = () => {
      this.#work.delete(work);
    };
    work.then(forget, forget);
    return work;
  }

  /** Resolves once everything tracked so far has settled. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.#work]);
  }
}
