import type { StoredQuestion, Surface } from "./types.js";

/** More questions than this open at once in one process is beyond any real use; the oldest go. */
const KEPT = 1_000;

/**
 * The surfaces of the commands that asked a stored question in this process, by question id.
 * Only a cache, for a chat adapter: a page confirmed here answers in its command's own place
 * (its deferred reply, its response URL). A click this process did not ask for (another
 * process asked, or this one restarted) is answered from the click instead.
 */
export class AskedHere {
  readonly #surfaces = new Map<string, Surface>();

  remember(question: StoredQuestion, surface: Surface): void {
    this.#surfaces.set(question.id, surface);
    for (const id of this.#surfaces.keys()) {
      if (this.#surfaces.size <= KEPT) break;
      this.#surfaces.delete(id);
    }
  }

  /** The asking command's surface, when this process asked the question. */
  surface(id: string): Surface | undefined {
    return this.#surfaces.get(id);
  }

  forget(id: string): void {
    this.#surfaces.delete(id);
  }
}
