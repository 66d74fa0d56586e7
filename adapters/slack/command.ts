// The /sms slash command: acknowledge at once, then resolve mentions and run the page.

import type { App, RespondFn, SlashCommand, webApi } from "@slack/bolt";
import { COMMAND_FAILED_REPLY } from "../../src/errors.js";
import type { Logger } from "../../src/log.js";
import { InFlight } from "../../src/page/in-flight.js";
import type { Pager } from "../../src/page/pager.js";
import type { Actor } from "../../src/page/types.js";
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
    // Slack gives up after 3 s: answer first, and do everything slow after.
    await ack();
    await running.track(runCommand(command, respond, client, options, confirmations));
  });
  onResendClick(app, (click) => running.track(runResendClick(click, options)));

  return { drain: () => running.settled() };
}

async function runCommand(
  command: SlashCommand,
  respond: RespondFn,
  client: webApi.WebClient,
  options: SmsCommandOptions,
  confirmations: SlackConfirmations,
): Promise<void> {
  const { pager, contacts, userGroups } = options;
  // The same for a retry over HTTP (X-Slack-Retry-Num) and a redelivered Socket Mode envelope.
  const requestKey = `slack:${command.trigger_id}`;
  // Every line about this command carries its key, as the pager's lines do.
  const logger = options.logger.child({ requestKey });
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

/** A click on "Resend to the N unknown numbers": the core checks who, and that it is the first. */
async function runResendClick(
  click: ResendClick,
  { pager, logger, userGroups }: SmsCommandOptions,
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
  await pager.resend(click.pageId, { actor: slackActor(userId), surface, channelId, groupIds });
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
