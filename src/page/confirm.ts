import type { SetTimer } from "../clock.js";
import type { ConfirmAnswer, ConfirmQuestion, Surface } from "./types.js";

/**
 * Puts the question and waits for the first of: an answer, the deadline, or `withdrawn` (the
 * bot shutting down). The deadline is ours, not the chat's, so every surface expires alike and
 * tests can move time on. A withdrawn question ends like an expired one, for the surface.
 */
export async function askToConfirm(
  confirm: NonNullable<Surface["confirm"]>,
  question: ConfirmQuestion,
  timeoutMs: number,
  setTimer: SetTimer,
  withdrawn?: AbortSignal,
): Promise<ConfirmAnswer> {
  const deadline = new AbortController();
  const withdraw = () => deadline.abort();
  withdrawn?.addEventListener("abort", withdraw, { once: true });
  const expired = new Promise<ConfirmAnswer>((resolve) => {
    deadline.signal.addEventListener("abort", () => resolve("expired"), { once: true });
  });
  const cancelTimer = setTimer(() => deadline.abort(), timeoutMs);
  try {
    return await Promise.race([confirm(question, deadline.signal), expired]);
  } finally {
    cancelTimer();
    withdrawn?.removeEventListener("abort", withdraw);
  }
}
