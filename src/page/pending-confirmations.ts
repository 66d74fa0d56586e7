import { randomUUID } from "node:crypto";
import type { ConfirmAnswer } from "./types.js";

/** What a button click did. */
export type ClickResult =
  /** Answered or expired already: a second click does nothing. */
  | { kind: "stale" }
  /** Someone other than the requester clicked; the question stays open. */
  | { kind: "notRequester"; requester: string }
  | { kind: "answered"; answer: "confirmed" | "cancelled" };

interface Pending {
  requester: string;
  answer(answer: "confirmed" | "cancelled"): void;
}

/**
 * Confirmation questions waiting for a click, by the id their buttons carry. Only the
 * requester can answer, only the first answer counts, and an expired question is gone.
 * Each chat adapter shows the buttons; the rules live here, once.
 */
export class PendingConfirmations {
  readonly #pending = new Map<string, Pending>();

  /** Opens a question: its id for the buttons, and the answer (or "expired" when `expired` aborts). */
  open(requester: string, expired: AbortSignal): { id: string; answered: Promise<ConfirmAnswer> } {
    const id = randomUUID();
    const answered = new Promise<ConfirmAnswer>((resolve) => {
      this.#pending.set(id, { requester, answer: resolve });
      expired.addEventListener(
        "abort",
        () => {
          this.#pending.delete(id);
          resolve("expired");
        },
        { once: true },
      );
    });
    return { id, answered };
  }

  click(id: string, userId: string, confirmed: boolean): ClickResult {
    const pending = this.#pending.get(id);
    if (pending === undefined) return { kind: "stale" };
    if (userId !== pending.requester) return { kind: "notRequester", requester: pending.requester };
    this.#pending.delete(id);
    const answer = confirmed ? "confirmed" : "cancelled";
    pending.answer(answer);
    return { kind: "answered", answer };
  }
}
