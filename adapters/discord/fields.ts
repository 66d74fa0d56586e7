import type { CommandInput, PageOptions } from "../../src/kit.js";
import { SMS_OPTION } from "./commands.js";

/** The part of discord.js's option resolver we read; a plain object satisfies it in tests. */
export interface SmsOptionReader {
  getString(name: string, required: true): string;
  getString(name: string, required?: boolean): string | null;
  getBoolean(name: string, required?: boolean): boolean | null;
}

/** Discord's typed options, as the core's input; the core validates them as it does typed text. */
export function readPageInput(options: SmsOptionReader): CommandInput {
  const fields: PageOptions = {};
  const flash = options.getBoolean(SMS_OPTION.flash);
  if (flash !== null) fields.flash = flash;
  const delay = options.getString(SMS_OPTION.delay);
  if (delay !== null) fields.delay = delay;
  const at = options.getString(SMS_OPTION.at);
  if (at !== null) fields.at = at;
  const service = options.getString(SMS_OPTION.service);
  if (service !== null) fields.service = service;
  const replyTo = options.getString(SMS_OPTION.replyTo);
  if (replyTo !== null) fields.replyTo = replyTo;
  const dryRun = options.getBoolean(SMS_OPTION.dryRun);
  if (dryRun !== null) fields.dryRun = dryRun;
  const escalateAfter = options.getString(SMS_OPTION.escalateAfter);
  if (escalateAfter !== null) fields.escalateAfter = escalateAfter;
  const escalateTo = options.getString(SMS_OPTION.escalateTo);
  if (escalateTo !== null) fields.escalateTo = escalateTo;
  return {
    kind: "page",
    recipients: options.getString(SMS_OPTION.to, true),
    message: options.getString(SMS_OPTION.message, true),
    options: fields,
  };
}
