import type { Outcome } from "../csoft/types.js";

/**
 * What became of one command, from best to worst, for a caller that answers for many (the
 * terminal's exit status):
 * - done: answered, or every number accepted (warnings included), or nothing to send;
 * - failed: not sent, and safe to send again once the cause is fixed: a number csoft refused
 *   or that no server could take, a page refused (limits, permissions) or not confirmed;
 * - invalid: not a valid command; nothing sent;
 * - unknown: a number's fate is unknown (the answer was lost), or the command broke midway:
 *   sending again may page someone twice.
 */
export const COMMAND_OUTCOMES = ["done", "failed", "invalid", "unknown"] as const;
export type CommandOutcome = (typeof COMMAND_OUTCOMES)[number];

export function worstOutcome(a: CommandOutcome, b: CommandOutcome): CommandOutcome {
  return COMMAND_OUTCOMES.indexOf(a) >= COMMAND_OUTCOMES.indexOf(b) ? a : b;
}

/** A sent page is as bad as its worst number. */
export function pageOutcome(counts: Record<Outcome, number>): CommandOutcome {
  if (counts.unknown > 0) return "unknown";
  return counts.failed > 0 ? "failed" : "done";
}
