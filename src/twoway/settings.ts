// The environment variables of two-way SMS: the number replies come back to, the words that
// acknowledge a page, and how far back a reply looks for its page.

import { z } from "zod";
import { normaliseNumber } from "../command/index.js";
import { DEFAULT_ACK_WORDS, DEFAULT_REPLY_WINDOW_MS } from "../defaults.js";
import { durationSchema } from "../escalation/duration.js";

export interface TwoWayConfig {
  /** CSOFT_REPLY_TO: the account's two-way number pages are sent from; unset: csoft's default. */
  replyTo?: string;
  /** SMS_ACK_WORDS: a reply starting with one of them acknowledges (any letter case). */
  ackWords: string[];
  /** SMS_REPLY_WINDOW: how far back a reply looks for the page it answers. */
  replyWindowMs: number;
}

const twoWayNumber = z
  .string()
  .trim()
  .optional()
  .transform((value, context) => {
    if (value === undefined || value === "") return undefined;
    const number = normaliseNumber(value);
    if (number !== null) return number;
    context.addIssue({
      code: "custom",
      message: "must be the account's two-way number, international digits such as 447700900999",
    });
    return z.NEVER;
  });

const ackWords = z
  .string()
  .optional()
  .transform((value, context) => {
    const words = (value ?? "")
      .split(",")
      .map((word) => word.trim())
      .filter((word) => word !== "");
    if (words.length === 0) return [...DEFAULT_ACK_WORDS];
    if (words.every((word) => /^[\p{L}\p{N}]+$/u.test(word))) return words;
    context.addIssue({
      code: "custom",
      message: "must be comma-separated words of letters or digits, such as ACK,OK,YES",
    });
    return z.NEVER;
  });

/** Spread into the environment schema of src/config.ts. */
export const twoWayEnvShape = {
  CSOFT_REPLY_TO: twoWayNumber,
  SMS_ACK_WORDS: ackWords,
  SMS_REPLY_WINDOW: durationSchema.optional(),
};

type TwoWayEnv = z.output<z.ZodObject<typeof twoWayEnvShape>>;

export function twoWayConfig(env: TwoWayEnv): TwoWayConfig {
  return {
    ...(env.CSOFT_REPLY_TO !== undefined && { replyTo: env.CSOFT_REPLY_TO }),
    ackWords: env.SMS_ACK_WORDS,
    replyWindowMs: env.SMS_REPLY_WINDOW ?? DEFAULT_REPLY_WINDOW_MS,
  };
}
