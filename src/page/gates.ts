import { type AccessPolicy, tooManyRecipients } from "../access/policy.js";
import { type RateLimit, rateRefusal } from "../access/rate-limit.js";
import type { SetTimer } from "../clock.js";
import { CONFIRM_REPLIES, renderConfirmQuestion } from "../report/confirm.js";
import type { RateWindows } from "../store/types.js";
import { askToConfirm } from "./confirm.js";
import type { CommandContext, ConfirmQuestion, PageAnnouncement } from "./types.js";

/**
 * Whether a page may go out, or why not: refused (not allowed) or cancelled (not confirmed);
 * or that it waits for a stored question, which the surface can put (`Surface.ask`).
 */
export type GateVerdict = { kind: "pass" } | { kind: "ask" } | Declined;

type Declined = { kind: "declined"; state: "refused" | "cancelled"; reason: string };

export interface PageGatesOptions {
  policy: AccessPolicy;
  /** Pages per person per window, counted in the store; unlimited when absent. */
  rateLimit: RateLimit | undefined;
  windows: RateWindows;
  /** More numbers than this, or any address book, is confirmed first. */
  confirmAbove: number;
  confirmTimeoutMs: number;
  setTimer: SetTimer;
  now: () => Date;
  /** Aborted when the bot shuts down: a question asked in place is withdrawn, its page not sent. */
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
 * The rate limit is checked before asking (no question that would be refused); the slot is
 * taken by recording the page, after the question: a question cancelled, expired or refused
 * costs nothing.
 */
export async function checkPageGates(
  options: PageGatesOptions,
  page: PageInHand,
  ctx: CommandContext,
): Promise<GateVerdict> {
  const tooMany = tooManyRecipients(options.policy, page.numbers);
  if (tooMany !== undefined) return refused(tooMany);
  const { rateLimit } = options;
  if (rateLimit) {
    const wait = await options.windows.rateWait(ctx.actor, options.now().getTime(), rateLimit);
    if (wait > 0) return refused(rateRefusal(rateLimit, wait));
  }
  const large = page.numbers > options.confirmAbove || page.addressBooks.length > 0;
  const unconfirmed =
    large && !page.confirmedByOffer ? await confirmLargePage(options, page, ctx) : undefined;
  return unconfirmed ?? { kind: "pass" };
}

/** Asks the requester of a large page; why it may not go, or undefined once confirmed. */
async function confirmLargePage(
  options: PageGatesOptions,
  page: PageInHand,
  ctx: CommandContext,
): Promise<GateVerdict | undefined> {
  // A chat with buttons: the question is stored, and the click answers it, in any process.
  if (ctx.surface.ask !== undefined) return { kind: "ask" };
  return confirmHere(options, page, ctx);
}

/**
 * Asks at a terminal, and waits here for the answer: nobody else could answer its prompt, so
 * the question is never stored.
 */
async function confirmHere(
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
  const question = confirmQuestion(options, page, ctx);
  const { setTimer, stopping } = options;
  const answer = await askToConfirm(confirm, question, confirmTimeoutMs, setTimer, stopping);
  if (stopping.aborted) {
    return { kind: "declined", state: "cancelled", reason: CONFIRM_REPLIES.shuttingDown };
  }
  if (answer === "confirmed") return undefined;
  return { kind: "declined", state: "cancelled", reason: CONFIRM_REPLIES[answer] };
}

/** The question a large page puts to its requester. */
export function confirmQuestion(
  options: Pick<PageGatesOptions, "confirmTimeoutMs" | "now">,
  page: Pick<PageInHand, "announcement" | "numbers" | "addressBooks">,
  ctx: Pick<CommandContext, "actor">,
): ConfirmQuestion {
  const { confirmTimeoutMs } = options;
  return {
    text: renderConfirmQuestion(
      page.announcement,
      page.numbers,
      page.addressBooks,
      confirmTimeoutMs / 60_000,
    ),
    actor: ctx.actor,
    expiresAt: new Date(options.now().getTime() + confirmTimeoutMs),
  };
}
