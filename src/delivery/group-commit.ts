/**
 * Writes what arrives while a write is in progress together, in the next write: a burst of
 * receipts costs one commit per batch instead of one each, and a lone receipt is written at
 * once (no timer, no waiting for company). Each caller learns its own item's result.
 */
export class GroupCommit<T, R> {
  readonly #queue: { item: T; resolve: (result: R) => void; reject: (error: unknown) => void }[] =
    [];
  #writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#queue.push({ item, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, this.maxBatch);
      try {
        const results = await this.write(batch.map((entry) => entry.item));
        for (const [index, entry] of batch.entries()) entry.resolve(results[index] as R);
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    this.#writing = false;
  }
}
