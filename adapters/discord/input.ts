// What a Discord command is, for the core: its typed options as a CommandInput.
import type { CommandInput, Logger, MentionResolver, Surface } from "../../src/kit.js";
import { recipientTokens, UsageError } from "../../src/kit.js";
import { CREDIT_COMMAND, HELP_COMMAND, HISTORY_COMMAND, STATUS_COMMAND } from "./commands.js";
import { readPageInput } from "./fields.js";
import { type DiscordInteraction, optionReader } from "./interaction.js";

/** A slash command as the core's input, from whichever transport brought it. */
export function inputOf(command: NonNullable<DiscordInteraction["command"]>): CommandInput {
  const options = optionReader(command.options);
  switch (command.name) {
    case HELP_COMMAND:
      return { kind: "help" };
    case HISTORY_COMMAND: {
      const count = options.getInteger("count");
      return count === null ? { kind: "history" } : { kind: "history", limit: count };
    }
    case STATUS_COMMAND:
      return { kind: "status", query: options.getString("of", true) };
    case CREDIT_COMMAND:
      return { kind: "credit" };
    default:
      return readPageInput(options);
  }
}

/** Checks the mentions among the recipients; false once the caller is told why not. */
export async function mentionsPageable(
  recipients: string,
  mentions: MentionResolver,
  surface: Surface,
  logger: Logger,
): Promise<boolean> {
  try {
    await mentions.resolve(recipientTokens(recipients).filter((token) => mentions.claims(token)));
    return true;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    logger.debug({ problem: error.message }, "usage error; nothing sent");
    await surface.replyPrivately(error.message);
    return false;
  }
}
