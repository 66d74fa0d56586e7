// The one rule for how long an escalation step waits (contacts files, commands) and how far back
// a reply looks for its page (SMS_REPLY_WINDOW).
import { z } from "zod";
import { MAX_ESCALATION_MS, MIN_ESCALATION_MS } from "../defaults.js";

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };
/** One or more amounts with a unit, largest first by habit: 30s, 5m, 2h, 1h30m. */
const DURATION = /^(?:\d{1,6}[smh])+$/;

export const DURATION_RULE = "a duration from 10s to 24h, such as 30s, 5m, 1h30m";

/** Milliseconds a duration such as `5m` or `1h30m` names, or a problem in words. */
export function readDuration(raw: string): { ms: number } | { problem: string } {
  const text = raw.trim().toLowerCase();
  if (!DURATION.test(text)) return { problem: `is not ${DURATION_RULE}.` };
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smh])/g)) {
    ms += Number(amount) * (UNIT_MS[unit as string] ?? 0);
  }
  if (ms < MIN_ESCALATION_MS) return { problem: "is too short: durations run from 10s to 24h." };
  if (ms > MAX_ESCALATION_MS) return { problem: "is too long: durations run from 10s to 24h." };
  return { ms };
}

/** The same rule as a schema, for YAML where a duration may also be typed as a bare number. */
export const durationSchema = z
  .union([z.string(), z.number()], { error: `must be ${DURATION_RULE}` })
  .transform((value, context) => {
    const read = readDuration(String(value));
    if ("ms" in read) return read.ms;
    context.addIssue({ code: "custom", message: `${String(value)} ${read.problem}` });
    return z.NEVER;
  });

/** A duration as the rule writes it: 90_000 → "1m30s", 5_400_000 → "1h30m". */
export function formatDuration(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  const parts = [hours && `${hours}h`, minutes && `${minutes}m`, seconds && `${seconds}s`];
  return parts.filter(Boolean).join("") || "0s";
}
