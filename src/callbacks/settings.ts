// The environment variables of csoft's callbacks: the Username and PIN typed into csoft's
// "Configure Services" screens, which every callback carries.

import { z } from "zod";
import type { CallbackCredentials } from "../csoft/callback-auth.js";
import { MAX_CALLBACK_CREDENTIAL } from "../defaults.js";

const credential = z
  .string()
  .trim()
  .max(
    MAX_CALLBACK_CREDENTIAL,
    `must be at most ${MAX_CALLBACK_CREDENTIAL} characters, as csoft's screen allows`,
  )
  .optional()
  .transform((value) => (value === "" ? undefined : value));

/** Spread into the environment schema of src/config.ts. */
export const callbackEnvShape = {
  CSOFT_CALLBACK_USERNAME: credential,
  CSOFT_CALLBACK_PIN: credential,
};

type CallbackEnv = {
  CSOFT_CALLBACK_USERNAME?: string | undefined;
  CSOFT_CALLBACK_PIN?: string | undefined;
};

/** One without the other is a mistake: csoft's screen was given both, or the route stays off. */
export function callbackPairing(values: CallbackEnv): string[] {
  const { CSOFT_CALLBACK_USERNAME: username, CSOFT_CALLBACK_PIN: pin } = values;
  if (Boolean(username) === Boolean(pin)) return [];
  return [
    `${username ? "CSOFT_CALLBACK_PIN" : "CSOFT_CALLBACK_USERNAME"} is missing: csoft's callbacks need both the Username and the PIN typed in its Delivery Receipts screen`,
  ];
}

/** The credentials callbacks must carry; undefined: the callback routes are off (404). */
export function callbackConfig(values: CallbackEnv): Required<CallbackCredentials> | undefined {
  const { CSOFT_CALLBACK_USERNAME: username, CSOFT_CALLBACK_PIN: pin } = values;
  return username && pin ? { username, pin } : undefined;
}
