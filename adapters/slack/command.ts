// The /sms slash command: admit and acknowledge at once, then resolve mentions and run the page.
import type { App, RespondFn, SlashCommand, webApi } from "@slack/bolt";
import type { Actor, Admission, Pager } from "../../src/kit.js";
import { COMMAND_FAILED_REPLY, childLogger, InFlight, type Logger } from "../../src/kit.js";
import { SlackConfirmations } from "./confirm.js";
import { type SlackDirectory, webDirectory } from "./directory.js";
import { mentionUser } from "./mrkdwn.js";
import { onResendClick, type ResendClick } from "./resend.js";
import { RecipientError, resolveSlackText, type SlackContacts } from "./resolve.js";
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
  const confirmations = new SlackConfirmations();
  confirmations.register(app, options.logger);

  app.command(options.command ?? "/sms", async ({ command, ack, respond, client }) => {
    // Counted from receipt, before any lookup: beyond the bound, the acknowledgement says busy.
    const admission = options.pager.admit();
    if (admission === undefined) {
      const text = options.pager.turnAwayBusy(command.text, commandOrigin(command));
      await ack({ response_type: "ephemeral", text });
      return;
    }
    try {
      // Slack gives up after 3 s: answer first, and do everything slow after.
      await ack();
      await running.track(runCommand(command, respond, client, options, confirmations, admission));
    } finally {
      admission.release();
    }
  });
  onResendClick(app, (click) => running.track(admitClick(click, options)));

  return { drain: () => running.settled() };
}

async function runCommand(
  command: SlashCommand,
  respond: RespondFn,
  client: webApi.WebClient,
  options: SmsCommandOptions,
  confirmations: SlackConfirmations,
  admission: Admission,
): Promise<void> {
  const { pager, contacts, userGroups } = options;
  const { requestKey } = commandOrigin(command);
  // Every line about this command carries its key, as the pager's lines do.
  const logger = childLogger(options.logger, { requestKey });
  const context = { user: command.user_id, channel: command.channel_id };
  try {
    const actor = slackActor(command.user_id);
    const directory = webDirectory(client);
    const resolved = await resolveSlackText(command.text, directory, contacts);
    const surface = createSlackSurface({
      client,
      channelId: command.channel_id,
      respond,
      people: resolved.people,
      logger,
      confirmations: { registry: confirmations, requester: command.user_id },
      offersResend: true,
    });
    const groupIds = await groupsOf(command.user_id, userGroups ?? [], directory, logger);
    await pager.runSms(resolved.text, {
      actor,
      surface,
      requestKey,
      channelId: command.channel_id,
      groupIds,
      admission,
    });
  } catch (error) {
    if (error instanceof RecipientError) {
      logger.debug(context, "recipients could not be resolved; nothing sent");
      await tell(respond, error.message, logger);
      return;
    }
    logger.error({ ...context, err: error }, "slash command failed");
    await tell(respond, COMMAND_FAILED_REPLY, logger);
  }
}

function slackActor(userId: string): Actor {
  return { platform: "slack", id: userId, name: mentionUser(userId) };
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
    const text = options.pager.turnAwayBusy(`resend ${click.pageId}`, origin);
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
  await pager.resend(click.pageId, {
    actor: slackActor(userId),
    surface,
    channelId,
    groupIds,
    admission,
  });
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
