import { buildSendCommand, HELP_TEXT, parseSmsText, UsageError } from "../command/index.js";
import type { RecipientRef, SendCommand, SendFields } from "../command/types.js";
import type { Directory } from "../contacts/directory.js";
import type { SendRequest, SendResult, SmsTransport } from "../csoft/types.js";
import { type Logger, silentLogger } from "../log.js";
import { renderPreview } from "../report/text.js";
import { SurfaceError } from "./errors.js";
import { previewOf, resolveRecipients } from "./recipients.js";
import { buildPageReport } from "./report.js";
import type { CommandContext, PageAnnouncement, PagePreview, PageReport, Thread } from "./types.js";

export interface PagerDeps {
  transport: SmsTransport;
  /** The contacts directory as it is now (it may be reloaded between commands). */
  directory?: () => Directory | undefined;
  logger?: Logger;
  now?: () => Date;
  /** Told of every page once its results are in (metrics); must not throw. */
  onPageDone?: (report: PageReport, sent: readonly SendResult[]) => void;
}

/** The one entry every adapter calls. Never throws: every failure is told to the caller. */
export interface Pager {
  /** Runs the text that follows `/sms`. */
  runSms(text: string, ctx: CommandContext): Promise<void>;
  /** Runs a send given as typed fields (Discord options); validated exactly as the text grammar. */
  runFields(fields: SendFields, ctx: CommandContext): Promise<void>;
  help(ctx: CommandContext): Promise<void>;
}

export function createPager(deps: PagerDeps): Pager {
  const logger = deps.logger ?? silentLogger();
  const now = deps.now ?? (() => new Date());

  async function guarded(ctx: CommandContext, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof UsageError) {
        await ctx.surface.replyPrivately(error.message);
        return;
      }
      logger.error({ err: error, actor: ctx.actor.id }, "command failed");
      await ctx.surface.replyPrivately(
        "Something went wrong while handling this command; see the bot's log. Nothing more was sent.",
      );
    }
  }

  async function preview(
    recipients: readonly RecipientRef[],
    message: PagePreview["message"],
    ctx: CommandContext,
  ): Promise<void> {
    const resolved = resolveRecipients(recipients, deps.directory?.());
    await ctx.surface.replyPrivately(renderPreview(previewOf(resolved, message)));
  }

  async function page(command: SendCommand, ctx: CommandContext): Promise<void> {
    if (command.dryRun) {
      const { message: text, encoding, options } = command;
      return preview(command.recipients, { text, encoding, options }, ctx);
    }
    const { destinations, labels, people } = resolveRecipients(
      command.recipients,
      deps.directory?.(),
    );
    const announcement: PageAnnouncement = {
      actor: ctx.actor,
      recipients: labels,
      message: command.message,
      options: command.options,
      encoding: command.encoding,
    };
    let thread: Thread;
    try {
      thread = await ctx.surface.announce(announcement);
    } catch (error) {
      if (!(error instanceof SurfaceError)) throw error;
      logger.warn({ err: error, actor: ctx.actor.id }, "could not post the page; nothing sent");
      await ctx.surface.replyPrivately(`${error.message} Nothing was sent.`);
      return;
    }
    logger.info(
      { actor: ctx.actor.id, platform: ctx.actor.platform, recipients: labels.length },
      "page started",
    );
    const started = performance.now();
    const sent: SendResult[] = await Promise.all(
      destinations.map((destination) =>
        deps.transport.send({ ...toSendOptions(command), destination }),
      ),
    );
    const report = buildPageReport(announcement, sent, people, performance.now() - started);
    logger.info(
      { actor: ctx.actor.id, counts: report.counts, servers: report.servers },
      "page done",
    );
    deps.onPageDone?.(report, sent);
    await thread.report(report);
  }

  return {
    runSms: (text, ctx) =>
      guarded(ctx, async () => {
        const command = parseSmsText(text, now());
        if (command.kind === "help") await ctx.surface.replyPrivately(HELP_TEXT);
        else if (command.kind === "who") await preview(command.recipients, undefined, ctx);
        else await page(command, ctx);
      }),
    runFields: (fields, ctx) => guarded(ctx, () => page(buildSendCommand(fields, now()), ctx)),
    help: (ctx) => ctx.surface.replyPrivately(HELP_TEXT),
  };
}

function toSendOptions(command: SendCommand): Omit<SendRequest, "destination"> {
  const { flash, delayMinutes, sendAt, service, replyTo } = command.options;
  return {
    message: command.message,
    flash,
    ...(delayMinutes !== undefined && { delayMinutes }),
    ...(sendAt !== undefined && { sendAt }),
    ...(service !== undefined && { service }),
    ...(replyTo !== undefined && { replyTo }),
  };
}
