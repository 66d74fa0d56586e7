import { z } from "zod";
import { MAX_DELAY_MINUTES } from "../csoft/encode.js";
import type { DeliveryService } from "../csoft/types.js";
import { readDuration } from "../escalation/duration.js";
import type { EscalationStep } from "../escalation/policy.js";
import { normaliseNumber, notANumberProblem, parseRecipients } from "./recipients.js";
import type { DeliveryOptions, SendFields } from "./types.js";
import { usageError } from "./usage.js";

const MINUTES_PER_UNIT: Record<string, number> = { "": 1, m: 1, h: 60, d: 1440 };
const SERVICES = ["default", "premier", "economy"] as const satisfies readonly DeliveryService[];

const delaySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^\d+[mhd]?$/, { error: "is not a delay: give minutes (30), or 30m, 2h or 1d." })
  .transform((value) => {
    const unit = value.replace(/^\d+/, "");
    return Number.parseInt(value, 10) * (MINUTES_PER_UNIT[unit] ?? 1);
  })
  .pipe(
    z
      .number()
      .min(1, { error: "is too short: the delay is 1 minute to 7 days (10080 minutes)." })
      .max(MAX_DELAY_MINUTES, {
        error: "is too long: the delay is 1 minute to 7 days (10080 minutes).",
      }),
  );

const AT_FORMAT = /^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2})(?::(\d{2}))?z?$/;
const atSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(AT_FORMAT, { error: "is not a UTC time: write YYYY-MM-DDTHH:MM, optionally :SS and Z." })
  .transform((value, ctx) => {
    const date = utcDate(value);
    if (date !== null) return date;
    ctx.issues.push({ code: "custom", input: value, message: "is not a real date and time." });
    return z.NEVER;
  });

const serviceSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(SERVICES, { error: "is not a delivery service: use default, premier or economy." }));

/** Validates the delivery options of a send; the same rules for every platform. */
export function parseDeliveryOptions(fields: SendFields, now: Date): DeliveryOptions {
  if (fields.delay !== undefined && fields.at !== undefined) {
    throw usageError(
      "Use --delay or --at, not both: --delay counts minutes from now, --at is a UTC time.",
      "/sms 447700900123 deploy done --delay 30",
    );
  }
  const options: DeliveryOptions = { flash: fields.flash ?? false };
  if (fields.delay !== undefined) {
    options.delayMinutes = parseValue(
      delaySchema,
      "--delay",
      fields.delay,
      "/sms 447700900123 deploy starts soon --delay 2h",
    );
  }
  if (fields.at !== undefined) options.sendAt = parseSendAt(fields.at, now);
  if (fields.service !== undefined) {
    options.service = parseValue(
      serviceSchema,
      "--service",
      fields.service,
      "/sms 447700900123 db1 is down --service premier",
    );
  }
  if (fields.replyTo !== undefined) options.replyTo = parseReplyTo(fields.replyTo);
  return options;
}

function parseSendAt(raw: string, now: Date): Date {
  const example = `/sms 447700900123 maintenance starts --at ${utcMinute(new Date(now.getTime() + 3_600_000))}`;
  const sendAt = parseValue(atSchema, "--at", raw, example);
  if (sendAt.getTime() <= now.getTime()) {
    throw usageError(
      `\`--at ${raw.trim()}\` is in the past: it is ${utcMinute(now)} UTC now.`,
      example,
    );
  }
  return sendAt;
}

function parseReplyTo(raw: string): string {
  const number = normaliseNumber(raw.trim());
  if (number === null) {
    throw usageError(
      `--reply-to: ${notANumberProblem(raw.trim())}`,
      "/sms 447700900123 call me back --reply-to 447700900999",
    );
  }
  return number;
}

const ESCALATION_EXAMPLE = "/sms db-oncall disk full --escalate-after 5m --escalate-to carol";

/** `--escalate-after` and `--escalate-to`: both or neither; the same rules as a group's policy. */
export function parseEscalation(fields: SendFields): EscalationStep | undefined {
  const { escalateAfter: after, escalateTo: to } = fields;
  if (after === undefined && to === undefined) return undefined;
  if (after === undefined || to === undefined) {
    throw usageError(
      "Give --escalate-after and --escalate-to together: how long to wait for an acknowledgement, and whom to page then.",
      ESCALATION_EXAMPLE,
    );
  }
  const read = readDuration(after);
  if ("problem" in read) {
    throw usageError(`\`--escalate-after ${after.trim()}\` ${read.problem}`, ESCALATION_EXAMPLE);
  }
  parseRecipients(to); // refuses what a page would refuse, and an empty list
  const recipients = to
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  return { afterMs: read.ms, to: recipients, onFailure: false };
}

function parseValue<T>(
  schema: z.ZodType<T, string>,
  option: string,
  raw: string,
  example: string,
): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const reason = result.error.issues[0]?.message ?? "is not valid.";
  throw usageError(`\`${option} ${raw.trim()}\` ${reason}`, example);
}

/** The instant the text names, or null when it does not exist (2030-02-30, 24:00). */
function utcDate(text: string): Date | null {
  // The format was checked: year, month, day, hour, minute and maybe second, in order.
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = (text.match(/\d+/g) ?? []).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const roundTrips =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return roundTrips ? date : null;
}

function utcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16)}Z`;
}
