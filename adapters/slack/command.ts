// The /sms slash command: admit and acknowledge at once, then hand the core the command, read
// with its grammar, and a resolver for the mentions in it.
import type { App, RespondFn, SlashCommand, webApi } from "@slack/bolt";
import type { Actor, Admission, Pager } from "../../src/kit.js";
import {
  AskedHere,
  COMMAND_FAILED_REPLY,
  CONFIRM_REPLIES,
  childLogger,
  InFlight,
  type Logger,
} from "../../src/kit.js";
import { onQuestionClick, type QuestionClickEvent } from "./confirm.js";
import { type SlackDirectory, webDirectory } from "./directory.js";
import { mentionUser } from "./mrkdwn.js";
import { PLATFORM } from "./platform.js";
import { onResendClick, type ResendClick } from "./resend.js";
import { type SlackContacts, slackInput, slackMentions } from "./resolve.js";
import { createSlackSurface } from "./surface.js";

export interface SmsCommandOptions {
  pager: Pager;
  logger: Logger;
  /** The command's name as configured in the app; `/sms` in manifest/slack.yaml. */
  command?: string;
  /** People listed with their Slack ID are paged at the directory's number, not their profile's. */
  contacts?: SlackContacts;
  /** User groups that permissions name: the caller's membership of each is looked up. */
  userGroups?: readonly string[];
}

export interface SmsCommand {
  /** Resolves once every command already acknowledged has finished (for an orderly stop). */
  drain(): Promise<void>;
}

export function registerSmsCommand(app: App, options: SmsCommandOptions): SmsCommand {
  const running = new InFlight();
  const asked = new AskedHere();

  app.command(options.command ?? "/sms", async ({ command, ack, respond, client }) => {
    // Counted from receipt, before any lookup: beyond the bound, the acknowledgement says busy.
    const admission = options.pager.admit();
    if (admission === undefined) {
      const text = options.pager.turnAwayBusy(slackInput(command.text), commandOrigin(command));
      await ack({ response_type: "ephemeral", text });
      return;
    }
    try {
      // Slack gives up after 3 s: answer first, and do everything slow after.
      await ack();
      await running.track(runCommand(command, respond, client, options, asked, admission));
    } finally {
      admission.release();
    }
  });
  onResendClick(app, (click) => running.track(admitClick(click, options)));
  onQuestionClick(app, (click) => running.track(answerClick(click, options, asked)));

  return { drain: () => running.settled() };
}

async function runCommand(
  command: SlashCommand,
  respond: RespondFn,
  client: webApi.WebClient,
  options: SmsCommandOptions,
  asked: AskedHere,
  admission: Admission,
): Promise<void> {
  const { pager, contacts, userGroups } = options;
  const { requestKey } = commandOrigin(command);
  // Every line about this command carries its key, as the pager's lines do.
  const logger = childLogger(options.logger, { requestKey });
  try {
    const directory = webDirectory(client);
    const people = new Map<string, string[]>();
    const surface = createSlackSurface({
      client,
      channelId: command.channel_id,
      respond,
      people,
      logger,
      asked,
      offersResend: true,
    });
    const groupIds = await groupsOf(command.user_id, userGroups ?? [], directory, logger);
    await pager.run(slackInput(command.text), {
      actor: slackActor(command.user_id),
      surface,
      requestKey,
      channelId: command.channel_id,
      groupIds,
      admission,
      mentions: slackMentions(directory, contacts, people),
    });
  } catch (error) {
    const context = { user: command.user_id, channel: command.channel_id };
    logger.error({ ...context, err: error }, "slash command failed");
    await tell(respond, COMMAND_FAILED_REPLY, logger);
  }
}

function slackActor(userId: string): Actor {
  return { platform: PLATFORM, id: userId, name: mentionUser(userId) };
}

/** Who typed the command, where, and its key: the same for a retry over HTTP and a redelivery. */
function commandOrigin(command: SlashCommand) {
  return {
    actor: slackActor(command.user_id),
    requestKey: `slack:${command.trigger_id}`,
    channelId: command.channel_id,
  };
}

/** A resend click is counted from its receipt too; beyond the bound it is told the bot is busy. */
async function admitClick(click: ResendClick, options: SmsCommandOptions): Promise<void> {
  const admission = options.pager.admit();
  if (admission === undefined) {
    const origin = { actor: slackActor(click.userId), channelId: click.channelId };
    const text = options.pager.turnAwayBusy({ kind: "resend", pageId: click.pageId }, origin);
    await tell(click.respond, text, options.logger);
    return;
  }
  try {
    await runResendClick(click, options, admission);
  } finally {
    admission.release();
  }
}

/** A click on "Resend to the N unknown numbers": the core checks who, and that it is the first. */
async function runResendClick(
  click: ResendClick,
  { pager, logger, userGroups }: SmsCommandOptions,
  admission: Admission,
): Promise<void> {
  const { client, channelId, respond, userId } = click;
  const surface = createSlackSurface({
    client,
    channelId,
    respond,
    people: new Map(),
    logger,
    offersResend: true,
  });
  const groupIds = await groupsOf(userId, userGroups ?? [], webDirectory(client), logger);
  await pager.run(
    { kind: "resend", pageId: click.pageId },
    { actor: slackActor(userId), surface, channelId, groupIds, admission },
  );
}

/**
 * A click on Confirm or Cancel: the core claims the question, whichever process asked it. The
 * page answers where its command was typed when it was asked here, else from the click.
 */
async function answerClick(
  click: QuestionClickEvent,
  { pager, logger, userGroups }: SmsCommandOptions,
  asked: AskedHere,
): Promise<void> {
  const { client, channelId, respond, userId, questionId } = click;
  // The click's own answers stay beside the question, not in its place.
  const alongside: RespondFn = (message) =>
    respond(
      typeof message === "string"
        ? { replace_original: false, text: message }
        : { replace_original: false, ...message },
    );
  const surface =
    asked.surface(questionId) ??
    createSlackSurface({
      client,
      channelId,
      respond: alongside,
      people: new Map(),
      logger,
      asked,
      offersResend: true,
    });
  const groupIds = await groupsOf(userId, userGroups ?? [], webDirectory(client), logger);
  await pager.answer(
    {
      questionId,
      answer: click.answer,
      replyToClicker: (text) => tell(alongside, text, logger),
      async closeQuestion(answer) {
        asked.forget(questionId);
        // A cancelled page is answered by the core, which records why nothing was sent.
        await respond(
          answer === "cancelled"
            ? { delete_original: true }
            : { replace_original: true, text: CONFIRM_REPLIES.confirmed },
        );
      },
    },
    { actor: slackActor(userId), surface, channelId, groupIds },
  );
}

/** Which of the user groups named by permissions the caller belongs to. */
async function groupsOf(
  userId: string,
  groups: readonly string[],
  directory: SlackDirectory,
  logger: Logger,
): Promise<string[]> {
  const member = await Promise.all(
    groups.map((groupId) =>
      directory.groupMembers(groupId).then(
        (members) => members.includes(userId),
        (error: unknown) => {
          // Not knowing counts as not a member: a lookup failure never grants permission.
          logger.warn({ err: error, group: groupId }, "could not read a user group's members");
          return false;
        },
      ),
    ),
  );
  return groups.filter((_groupId, index) => member[index]);
}

/** A last private word to the caller; if even that fails, the log is all that is left. */
async function tell(respond: RespondFn, text: string, logger: Logger): Promise<void> {
  try {
    await respond({ response_type: "ephemeral", text });
  } catch (error) {
    logger.error({ err: error }, "could not answer the caller through response_url");
  }
}
