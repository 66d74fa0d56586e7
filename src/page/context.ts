/** What a pager's pieces share (store, logs, clock, settings, lifecycle) and the replies they all give. */
import type { AccessPolicy } from "../access/policy.js";
import type { RateLimit } from "../access/rate-limit.js";
import type { Clock } from "../clock.js";
import type { Directory } from "../contacts/directory.js";
import type { CreditSource } from "../csoft/account.js";
import type { SendResult, SmsTransport } from "../csoft/types.js";
import type { EscalationEngine } from "../escalation/engine.js";
import type { Logger } from "../log.js";
import type { AckVia } from "../store/twoway-types.js";
import type { PageRow, Store } from "../store/types.js";
import type { CreditWatch } from "./credit-watch.js";
import type { PageGatesOptions } from "./gates.js";
import type { Lifecycle } from "./lifecycle.js";
import type { CommandOutcome } from "./outcome.js";
import type { CommandContext, CommandOrigin, PageReport, Surface } from "./types.js";

/** The store, logs and clock every piece reads. */
export interface PagerBase {
  store: Store;
  logger: Logger;
  /** A child logger per command. */
  logFor: (from: CommandOrigin) => Logger;
  clock: Clock;
  /** The clock's time as a Date, for the grammar and the history, which speak in dates. */
  now: () => Date;
  at: () => number;
}

/** Everything a pager's pieces share, built once by createPager. */
export interface PagerContext extends PagerBase {
  transport: SmsTransport;
  directory: (() => Directory | undefined) | undefined;
  onPageDone: ((report: PageReport, sent: readonly SendResult[]) => void) | undefined;
  onReported: ((pageId: number) => void) | undefined;
  policy: AccessPolicy;
  rateLimit: RateLimit | undefined;
  credit: CreditSource | undefined;
  /** CSOFT_REPLY_TO: the two-way number replies come back to. */
  replyTo: string | undefined;
  /** Fires due steps; told when a page stores new ones. Absent until the pager starts it. */
  escalations: EscalationEngine | undefined;
  /** Told of every acknowledgement that won, seconds after the first page (metrics). */
  onAcknowledged: ((via: AckVia, seconds: number) => void) | undefined;
  /** Where an escalation of `first` is announced: its thread, when the chat can reach it. */
  escalationSurface: ((first: PageRow) => Surface | undefined) | undefined;
  /** Reads the balance around pages; absent without an account query. */
  creditWatch: CreditWatch | undefined;
  gates: PageGatesOptions;
  lifecycle: Lifecycle;
}

export async function answer(ctx: CommandContext, text: string): Promise<CommandOutcome> {
  await ctx.surface.replyPrivately(text);
  return "done";
}

export async function decline(
  base: PagerBase,
  ctx: CommandContext,
  typed: string,
  state: "refused" | "cancelled",
  reason: string,
  recipients: readonly string[] = [],
): Promise<CommandOutcome> {
  await recordDeclined(base, ctx, typed, state, reason, recipients);
  await ctx.surface.replyPrivately(reason);
  return "failed";
}

/** Logs and records a command that sent nothing; its sender is told `reason` by the caller. */
export async function recordDeclined(
  base: PagerBase,
  from: CommandOrigin,
  typed: string,
  state: "refused" | "cancelled",
  reason: string,
  recipients: readonly string[] = [],
): Promise<void> {
  base
    .logFor(from)
    .warn({ state, reason }, state === "refused" ? "command refused" : "page not sent");
  await base.store.recordDeclined(
    {
      ...origin(from),
      message: typed,
      recipients,
      state,
      reason,
    },
    base.at(),
  );
}

/** Who asked and from where, as the history records it. */
export function origin(ctx: CommandOrigin) {
  return {
    actor: ctx.actor,
    ...(ctx.channelId !== undefined && { channelId: ctx.channelId }),
    ...(ctx.requestKey !== undefined && { requestKey: ctx.requestKey }),
  };
}
