// The environment of csoft's callbacks, the low-credit warning and the simulator's receipts.
import { z } from "zod";
import { DEFAULT_SIMULATOR_RECEIPT_DELAY_MS, MAX_SIMULATOR_RECEIPT_DELAY_MS } from "../defaults.js";
import { wholeNumber } from "../validate.js";

export interface AccountConfig {
  /** CSOFT_CALLBACK_USERNAME and CSOFT_CALLBACK_PIN, as typed in csoft's screen; both or none. */
  callbacks?: { username: string; pin: string };
  /** CSOFT_LOW_CREDIT: below this balance, after a page, the thread and the log say so. */
  lowCredit?: number;
  /** SIMULATOR_RECEIPT_DELAY_MS: how long the simulator waits before posting a receipt. */
  simulatorReceiptDelayMs: number;
}

const optionalSecret = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const AMOUNT = /^\d+(\.\d+)?$/;

const amount = z
  .string()
  .trim()
  .refine((value) => value === "" || AMOUNT.test(value), "must be an amount, e.g. 5 or 12.50")
  .transform((value) => (value === "" ? undefined : Number(value)))
  .optional();

/** Spread into the environment schema of src/config.ts. */
export const accountEnvShape = {
  CSOFT_CALLBACK_USERNAME: optionalSecret,
  CSOFT_CALLBACK_PIN: optionalSecret,
  CSOFT_LOW_CREDIT: amount,
  SIMULATOR_RECEIPT_DELAY_MS: wholeNumber(
    DEFAULT_SIMULATOR_RECEIPT_DELAY_MS,
    MAX_SIMULATOR_RECEIPT_DELAY_MS,
    0,
  ),
};

type AccountEnv = z.output<z.ZodObject<typeof accountEnvShape>>;

export function accountConfig(env: AccountEnv): AccountConfig {
  const { CSOFT_CALLBACK_USERNAME: username, CSOFT_CALLBACK_PIN: pin } = env;
  return {
    ...(username !== undefined && pin !== undefined && { callbacks: { username, pin } }),
    ...(env.CSOFT_LOW_CREDIT !== undefined && { lowCredit: env.CSOFT_LOW_CREDIT }),
    simulatorReceiptDelayMs: env.SIMULATOR_RECEIPT_DELAY_MS,
  };
}
