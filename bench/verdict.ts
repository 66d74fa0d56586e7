// How a figure is judged. Structural targets are exact. A time may drift over its target on a
// shared machine: up to twice the target it is reported, beyond that it fails.

export type Verdict = "pass" | "over target" | "FAIL" | "not measured";

export const exact = (holds: boolean): Verdict => (holds ? "pass" : "FAIL");

export function within(value: number, target: number): Verdict {
  if (value <= target) return "pass";
  return value <= 2 * target ? "over target" : "FAIL";
}

const SEVERITY: readonly Verdict[] = ["not measured", "pass", "over target", "FAIL"];

/** The most severe of several verdicts on one row. */
export const worst = (...verdicts: Verdict[]): Verdict =>
  verdicts.reduce((a, b) => (SEVERITY.indexOf(b) > SEVERITY.indexOf(a) ? b : a), "not measured");

export function describeVerdict(verdict: Verdict): string {
  return verdict === "over target" ? "over target (under 2×: noise?)" : verdict;
}
