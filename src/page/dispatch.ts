/** Running one command: the bound and redeliveries, parse → run, and the one place an error becomes a reply. */
import { refusalFor } from "../access/policy.js";
import {
  type CommandInput,
  describeInput,
  HELP_TEXT,
  recipientTokens,
  toCommand,
  UsageError,
} from "../command/index.js";
import type { RecipientRef, SendCommand } from "../command/types.js";
import { ChatopsError, COMMAND_FAILED_REPLY } from "../errors.js";
import { CONFIRM_REPLIES } from "../report/confirm.js";
import { renderPreview } from "../report/text.js";
import { answerHistory, answerStatus } from "./audit.js";
import { answer, decline, type PagerContext } from "./context.js";
import { answerCredit } from "./credit.js";
import { escalationSteps } from "./escalation-steps.js";
import type { CommandOutcome } from "./outcome.js";
import { previewOf, resolveRecipients } from "./recipients.js";
import { resendPage, sendPage } from "./send-page.js";
import { smsText, withTwoWayNumber } from "./sms-text.js";
import type { CommandContext, PagePreview } from "./types.js";

/**
 * Runs a command within the bound on work in flight: admitted already by its adapter, or
 * here; beyond the bound it is refused at once, before anything is claimed or sent.
 */
export function bounded(
  c: PagerContext,
  ctx: CommandContext,
  typed: string,
  work: () => Promise<CommandOutcome>,
): Promise<CommandOutcome> {
  return guarded(c, ctx, async () => {
    const own = ctx.admission === undefined ? c.lifecycle.admit() : undefined;
    if (ctx.admission === undefined && own === undefined) {
      await ctx.surface.replyPrivately(c.lifecycle.turnAwayBusy(typed, ctx));
      return "failed";
    }
    try {
      return (await turnedAway(c, ctx)) ?? (await work());
    } finally {
      own?.release();
    }
  });
}

async function guarded(
  c: PagerContext,
  ctx: CommandContext,
  work: () => Promise<CommandOutcome>,
): Promise<CommandOutcome> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UsageError) {
      c.logFor(ctx).debug({ problem: error.message }, "usage error; nothing sent");
      await ctx.surface.replyPrivately(error.message);
      return "invalid";
    }
    // The store refused before anything was recorded or sent: its own words say so, and why.
    if (error instanceof ChatopsError && error.code === "STORE_UNREACHABLE") {
      c.logFor(ctx).warn({ err: error }, "command refused: the database is out of reach");
      await ctx.surface.replyPrivately(error.message);
      return "failed";
    }
    c.logFor(ctx).error({ err: error }, "command failed");
    await ctx.surface.replyPrivately(COMMAND_FAILED_REPLY);
    // It may have broken after csoft took the page.
    return "unknown";
  }
}

/**
 * Admits a command once, and only while running: a redelivery (which the first delivery
 * answers) or a late one does nothing, and resolves to its outcome; undefined admits it.
 */
async function turnedAway(
  c: PagerContext,
  ctx: CommandContext,
): Promise<CommandOutcome | undefined> {
  if (await isRedelivery(c, ctx)) return "done";
  if (!c.lifecycle.closing) return undefined;
  await ctx.surface.replyPrivately(CONFIRM_REPLIES.shuttingDown);
  return "failed";
}

/** A key seen before is a redelivery of a command already handled: it is dropped quietly. */
async function isRedelivery(c: PagerContext, ctx: CommandContext): Promise<boolean> {
  if (
    ctx.requestKey === undefined ||
    ctx.claimed === true ||
    (await c.store.claimRequest(ctx.requestKey, c.at()))
  ) {
    return false;
  }
  c.logFor(ctx).info("command delivered again; it was handled already and is not run again");
  return true;
}

/**
 * Runs one input: help for anyone; the rest validated (the chat's mentions read by its
 * resolver first) and only for those allowed to page.
 */
export async function run(
  c: PagerContext,
  input: CommandInput,
  ctx: CommandContext,
): Promise<CommandOutcome> {
  const typed = describeInput(input);
  const command = toCommand(input, c.now(), await mentionsOf(input, ctx));
  if (command.kind === "help") return help(ctx);
  const refusal = refusalFor(c.policy, ctx, command.kind);
  if (refusal !== undefined) return decline(c, ctx, typed, "refused", refusal);
  switch (command.kind) {
    case "who":
      return preview(c, command.recipients, undefined, ctx);
    case "history":
      return answer(ctx, await answerHistory(c.store, command));
    case "status":
      return answer(ctx, await answerStatus(c.store, command));
    case "credit":
      return answer(ctx, await answerCredit(c.credit));
    case "send": {
      if (!command.dryRun) return sendPage(c, command, typed, ctx);
      return preview(c, command.recipients, await dryRunMessage(c, command), ctx);
    }
    case "resend":
      return resendPage(c, command.pageId, typed, ctx);
  }
}

/**
 * The SMS exactly as a page sent now would carry it: the two-way number, and the reply hint
 * with the id the page would most likely get (the next one), with its encoding and parts.
 */
async function dryRunMessage(c: PagerContext, typed: SendCommand): Promise<PagePreview["message"]> {
  const command = withTwoWayNumber(typed, c.replyTo);
  const [latest] = await c.store.recentPages(1);
  const { text, encoding } = smsText(
    command.message,
    command.options,
    c.replyTo,
    (latest?.id ?? 0) + 1,
  );
  const steps = escalationSteps(c, command, 0, 0);
  const escalation = steps.map((step) => ({ afterMs: step.dueAt, to: step.recipients }));
  return { text, encoding, options: command.options, ...(steps.length > 0 && { escalation }) };
}

async function help(ctx: CommandContext): Promise<CommandOutcome> {
  if (ctx.surface.showHelp === undefined) return answer(ctx, HELP_TEXT);
  await ctx.surface.showHelp(HELP_TEXT);
  return "done";
}

/** What the chat's resolver makes of the recipient tokens it claims; none: nothing to read. */
async function mentionsOf(
  input: CommandInput,
  ctx: CommandContext,
): Promise<ReadonlyMap<string, readonly RecipientRef[]> | undefined> {
  const { mentions } = ctx;
  if (mentions === undefined || (input.kind !== "page" && input.kind !== "who")) return undefined;
  const claimed = recipientTokens(input.recipients).filter((token) => mentions.claims(token));
  return claimed.length > 0 ? mentions.resolve(claimed) : undefined;
}

async function preview(
  c: PagerContext,
  recipients: readonly RecipientRef[],
  message: PagePreview["message"],
  ctx: CommandContext,
): Promise<CommandOutcome> {
  const resolved = resolveRecipients(recipients, c.directory?.());
  c.logFor(ctx).debug(
    { numbers: resolved.numbers.length, addressBooks: resolved.addressBooks.length },
    "dry run; nothing sent",
  );
  return answer(ctx, renderPreview(previewOf(resolved, message)));
}
