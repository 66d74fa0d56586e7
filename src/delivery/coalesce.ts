import type { Clock } from "../clock.js";

interface Slot {
  /** Something changed since the running or last edit began. */
  dirty: boolean;
  startedAt: number;
  running: Promise<void> | undefined;
  cancel: (() => void) | undefined;
}

/**
 * At most one edit per page every `intervalMs`, whatever the rate of changes, and the last
 * state always lands: an edit reads the state when it runs, and a change during an edit or
 * within the interval after it starts brings one more edit when the interval is over.
 */
export class EditCoalescer {
  readonly #slots = new Map<number, Slot>();
  #closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly edit: (pageId: number) => Promise<void>,
  ) {}

  /** Says the page changed: edits now when it may, else once the interval allows. */
  touch(pageId: number): void {
    if (this.#closed) return;
    const slot = this.#slots.get(pageId);
    if (slot !== undefined) {
      slot.dirty = true;
      return;
    }
    this.#start(pageId);
  }

  /** Edits waiting for their interval run now, once; then nothing more is edited. */
  async close(): Promise<void> {
    this.#closed = true;
    const pending = [...this.#slots.entries()];
    this.#slots.clear();
    await Promise.all(
      pending.map(async ([pageId, slot]) => {
        slot.cancel?.();
        await slot.running;
        if (slot.dirty) await this.#run(pageId);
      }),
    );
  }

  #start(pageId: number): void {
    const slot: Slot = {
      dirty: false,
      startedAt: this.clock.now(),
      running: undefined,
      cancel: undefined,
    };
    this.#slots.set(pageId, slot);
    slot.running = this.#run(pageId).then(() => {
      slot.running = undefined;
      if (this.#closed) return;
      const wait = Math.max(0, slot.startedAt + this.intervalMs - this.clock.now());
      slot.cancel = this.clock.setTimer(() => this.#settle(pageId, slot), wait);
    });
  }

  #settle(pageId: number, slot: Slot): void {
    if (this.#slots.get(pageId) !== slot) return;
    this.#slots.delete(pageId);
    if (slot.dirty) this.#start(pageId);
  }

  /** An edit never rejects here: the caller logs its own failures. */
  #run(pageId: number): Promise<void> {
    return this.edit(pageId).catch(() => undefined);
  }
}
