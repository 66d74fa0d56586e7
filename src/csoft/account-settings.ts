// The environment of csoft's callbacks, the low-credit warning and the simulator's receipts.
import { z } from "zod";
import {
  DEFAULT_SIMULATOR_RECEIPT_DELAY_MS,
  MAX_CALLBACK_CREDENTIAL,
  MAX_SIMULATOR_RECEIPT_DELAY_MS,
} from "../defaults.js";
import { wholeNumber } from "../validate.js";

export interface AccountConfig {
  /**
   * CSOFT_CALLBACK_USERNAME and CSOFT_CALLBACK_PIN, as typed in csoft's screen; both or none.
   * Unset: the callback routes answer 404 (src/callbacks/).
   */
  callbacks?: { username: string; pin: string };
  /** CSOFT_LOW_CREDIT: below this balance, after a page, the thread and the log say so. */
  lowCredit?: number;
  /** SIMULATOR_RECEIPT_DELAY_MS: how long the simulator waits before posting a receipt. */
  simulatorReceiptDelayMs: number;
}

/** What csoft's Delivery Receipts screen takes; empty is the same as unset. */
const credential = z
  .string()
  .trim()
  .max(
    MAX_CALLBACK_CREDENTIAL,
    `must be at most ${MAX_CALLBACK_CREDENTIAL} characters, as csoft's screen allows`,
  )
  .optional()
  .transform((value) => (value === "" ? undefined : value));

const AMOUNT = /^\d+(\.\d+)?$/;

const amount = z
  .string()
  .trim()
  .refine((value) => value === "" || AMOUNT.test(value), "must be an amount, e.g. 5 or 12.50")
  .transform((value) => (value === "" ? undefined : Number(value)))
  .optional();

/** Spread into the environment schema of src/config.ts. */
export const accountEnvShape = {
  CSOFT_CALLBACK_USERNAME: credential,
  CSOFT_CALLBACK_PIN: credential,
  CSOFT_LOW_CREDIT: amount,
  SIMULATOR_RECEIPT_DELAY_MS: wholeNumber(
    DEFAULT_SIMULATOR_RECEIPT_DELAY_MS,
    MAX_SIMULATOR_RECEIPT_DELAY_MS,
    0,
  ),
};

type AccountEnv = z.output<z.ZodObject<typeof accountEnvShape>>;

/** The callback credentials come both or neither: one alone is a mistake, never a route left off. */
export function callbackProblems(values: {
  CSOFT_CALLBACK_USERNAME?: string | undefined;
  CSOFT_CALLBACK_PIN?: string | undefined;
}): string[] {
  const { CSOFT_CALLBACK_USERNAME: username, CSOFT_CALLBACK_PIN: pin } = values;
  if (Boolean(username) === Boolean(pin)) return [];
  return [
    `${username ? "CSOFT_CALLBACK_PIN" : "CSOFT_CALLBACK_USERNAME"} is missing: csoft's callbacks need both the Username and the PIN typed in its Delivery Receipts screen`,
  ];
}

export function accountConfig(env: AccountEnv): AccountConfig {
  const { CSOFT_CALLBACK_USERNAME: username, CSOFT_CALLBACK_PIN: pin } = env;
  return {
    ...(username && pin && { callbacks: { username, pin } }),
    ...(env.CSOFT_LOW_CREDIT !== undefined && { lowCredit: env.CSOFT_LOW_CREDIT }),
    simulatorReceiptDelayMs: env.SIMULATOR_RECEIPT_DELAY_MS,
  };
}
