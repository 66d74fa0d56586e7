import { ChatopsError, type ErrorCode } from "../errors.js";

/** A command that works, shown after every error so the fix is one copy away. */
export const EXAMPLE = "/sms 447700900123 db1 is down";

/**
 * The command was wrong as typed: nothing is sent. The message is written for the person
 * who typed it: what was wrong, then a correct example.
 */
export class UsageError extends ChatopsError {
  /** `code`: a more precise code for a kind of mistake (a chat's recipient it cannot page). */
  constructor(message: string, options?: ErrorOptions, code: ErrorCode = "USAGE") {
    super(code, message, options);
  }
}

/** The one way this module reports a mistake: the problem, then an example that works. */
export function usageError(problem: string, example: string = EXAMPLE): UsageError {
  return new UsageError(`${problem} Example: ${example}`);
}

export const HELP_TEXT = `/sms <recipients> <message…> [options]: send an SMS; each number's result comes back in the thread.
Recipients (one word, comma-separated, no spaces):
  447700900123, +44-7700-900123, 0044…  international numbers, country code first
  alice, db-oncall                      people and groups from the contacts directory
  book:Oncall, book:Oncall::Nights      a csoft address book, or one group of it
Options (anywhere after the recipients):
  --flash                             flash SMS: shown on screen without opening
  --dry-run                           show who would be paged and how, send nothing
  --yes                               confirm a large page in advance (scripts; chats still ask)
  --delay 30 | 30m | 2h | 1d          send later: 1 minute to 7 days (a plain number is minutes)
  --at 2030-06-01T09:30[:00][Z]       send at a UTC time; not with --delay; must be in the future
  --service default|premier|economy   csoft delivery service
  --reply-to 447700900999             the number replies go to (a two-way number of your account)
  --escalate-after 5m --escalate-to carol  nobody acknowledged within 5m (10s-24h): page carol too
  --                                  end of options: the rest is message, even if it starts with --
Length: GSM 7-bit 160 characters in one SMS, 153 per part; otherwise Unicode: 70, then 67.
Examples:
  /sms 447700900123 db1 is down
  /sms alice,bob --flash db1 is down, failing over to db2
  /sms 447700900123,book:Oncall deploy starts at 18:00 --delay 2h --service premier
  /sms 447700900123 -- --force was needed, see the runbook
/sms who db-oncall,alice: who those recipients are, without sending.
/sms history [n] (last n pages, default 10) · /sms status <message id | number>: the audit trail.
/sms resend <page id>: resend a page to its numbers whose result is unknown (they may get it twice); once.
/sms credit: the csoft account's balance (only you see it) · /sms help shows this.`;
