// The /sms slash command: acknowledge at once, then resolve mentions and run the page.
import type { App, RespondFn, SlashCommand, webApi } from "@slack/bolt";
import type { Logger } from "../../src/log.js";
import type { Pager } from "../../src/page/pager.js";
import type { Actor } from "../../src/page/types.js";
import { webDirectory } from "./directory.js";
import { mentionUser } from "./mrkdwn.js";
import { RecipientError, resolveSlackText, type SlackContacts } from "./resolve.js";
import { createSlackSurface } from "./surface.js";

export interface SmsCommandOptions {
  pager: Pager;
  logger: Logger;
  /** The command's name as configured in the app; `/sms` in manifest/slack.yaml. */
  command?: string;
  /** People listed with their Slack ID are paged at the directory's number, not their profile's. */
  contacts?: SlackContacts;
}

export interface SmsCommand {
  /** Resolves once every command already acknowledged has finished (for an orderly stop). */
  drain(): Promise<void>;
}

export function registerSmsCommand(app: App, options: SmsCommandOptions): SmsCommand {
  const running = new Set<Promise<void>>();

  app.command(options.command ?? "/sms", async ({ command, ack, respond, client }) => {
    // Slack gives up after 3 s: answer first, and do everything slow after.
    await ack();
    const work = runCommand(command, respond, client, options);
    running.add(work);
    try {
      await work;
    } finally {
      running.delete(work);
    }
  });

  return {
    async drain() {
      await Promise.allSettled([...running]);
    },
  };
}

async function runCommand(
  command: SlashCommand,
  respond: RespondFn,
  client: webApi.WebClient,
  { pager, logger, contacts }: SmsCommandOptions,
): Promise<void> {
  const context = { user: command.user_id, channel: command.channel_id };
  try {
    const actor: Actor = {
      platform: "slack",
      id: command.user_id,
      name: mentionUser(command.user_id),
    };
    const resolved = await resolveSlackText(command.text, webDirectory(client), contacts);
    const surface = createSlackSurface({
      client,
      channelId: command.channel_id,
      respond,
      people: resolved.people,
      logger,
    });
    await pager.runSms(resolved.text, { actor, surface });
  } catch (error) {
    if (error instanceof RecipientError) {
      logger.info(context, "recipients could not be resolved; nothing sent");
      await tell(respond, error.message, logger);
      return;
    }
    logger.error({ ...context, err: error }, "slash command failed");
    await tell(
      respond,
      "Something went wrong while handling this command; see the bot's log.",
      logger,
    );
  }
}

/** A last private word to the caller; if even that fails, the log is all that is left. */
async function tell(respond: RespondFn, text: string, logger: Logger): Promise<void> {
  try {
    await respond({ response_type: "ephemeral", text });
  } catch (error) {
    logger.error({ err: error }, "could not answer the caller through response_url");
  }
}
