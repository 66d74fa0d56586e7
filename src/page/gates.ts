import { type AccessPolicy, tooManyRecipients } from "../access/policy.js";
import type { RateLimiter } from "../access/rate-limit.js";
import { CONFIRM_REPLIES, renderConfirmQuestion } from "../report/confirm.js";
import { askToConfirm } from "./confirm.js";
import type { SetTimer } from "./timer.js";
import type { CommandContext, PageAnnouncement } from "./types.js";

/** Whether a page may go out, or why not: refused (not allowed) or cancelled (not confirmed). */
export type GateVerdict =
  /** `release` gives back the rate-limit slot taken for this page, if it is not sent after all. */
  { kind: "pass"; release: () => void } | Declined;

type Declined = { kind: "declined"; state: "refused" | "cancelled"; reason: string };

export interface PageGatesOptions {
  policy: AccessPolicy;
  limiter: RateLimiter | undefined;
  /** More numbers than this, or any address book, is confirmed first. */
  confirmAbove: number;
  confirmTimeoutMs: number;
  setTimer: SetTimer;
  now: () => Date;
  /** Aborted when the bot shuts down: open questions are withdrawn, their pages not sent. */
  stopping: AbortSignal;
}

/** What a gate needs to know about the page in hand. */
export interface PageInHand {
  announcement: PageAnnouncement;
  numbers: number;
  addressBooks: readonly string[];
  /** `--yes`: confirmed in advance, for a surface that cannot ask. */
  confirmedInAdvance: boolean;
  /** A resend: taking the offer, which warned of duplicates, was the confirmation. */
  confirmedByOffer: boolean;
}

const refused = (reason: string): Declined => ({ kind: "declined", state: "refused", reason });

/**
 * The checks a page passes after its recipients are known and before anything is posted:
 * the recipient cap, the rate limit, then confirmation of a large page by its requester.
 * The rate limit is checked before asking (no question that would be refused) and its slot
 * taken only once the page may go: a question cancelled, expired or refused costs nothing.
 */
export async function checkPageGates(
  options: PageGatesOptions,
  page: PageInHand,
  ctx: CommandContext,
): Promise<GateVerdict> {
  const tooMany = tooManyRecipients(options.policy, page.numbers);
  if (tooMany !== undefined) return refused(tooMany);
  const { limiter } = options;
  const who = `${ctx.actor.platform}:${ctx.actor.id}`;
  if (limiter) {
    const checked = limiter.check(who);
    if (!checked.ok) return refused(limiter.refusal(checked.retryInMs));
  }
  const large = page.numbers > options.confirmAbove || page.addressBooks.length > 0;
  const unconfirmed =
    large && !page.confirmedByOffer ? await confirmLargePage(options, page, ctx) : undefined;
  if (unconfirmed) return unconfirmed;
  if (!limiter) return { kind: "pass", release: () => {} };
  // Taken now, not at the check: other pages by the same person may have gone out meanwhile.
  const taken = limiter.take(who);
  return taken.ok
    ? { kind: "pass", release: taken.release }
    : refused(limiter.refusal(taken.retryInMs));
}

/** Asks the requester of a large page; why it may not go, or undefined once confirmed. */
async function confirmLargePage(
  options: PageGatesOptions,
  page: PageInHand,
  ctx: CommandContext,
): Promise<Declined | undefined> {
  const confirm = ctx.surface.confirm?.bind(ctx.surface);
  if (confirm === undefined) {
    return page.confirmedInAdvance
      ? undefined
      : refused(CONFIRM_REPLIES.needsYes(page.numbers, options.confirmAbove));
  }
  const { confirmTimeoutMs } = options;
  const question = {
    text: renderConfirmQuestion(
      page.announcement,
      page.numbers,
      page.addressBooks,
      confirmTimeoutMs / 60_000,
    ),
    actor: ctx.actor,
    expiresAt: new Date(options.now().getTime() + confirmTimeoutMs),
  };
  const { setTimer, stopping } = options;
  const answer = await askToConfirm(confirm, question, confirmTimeoutMs, setTimer, stopping);
  if (stopping.aborted) {
    return { kind: "declined", state: "cancelled", reason: CONFIRM_REPLIES.shuttingDown };
  }
  if (answer === "confirmed") return undefined;
  return { kind: "declined", state: "cancelled", reason: CONFIRM_REPLIES[answer] };
}
