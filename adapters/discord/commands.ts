import {
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import { MAX_HISTORY } from "../../src/kit.js";

/**
 * `/sms` takes the page itself as top-level options, so the fastest path (type `/sms`, fill `to`
 * and `message`) has no extra step; help is a separate `/sms-help`, because a `help` subcommand
 * would force every page through `/sms page …` (Discord forbids mixing options and subcommands).
 */
export const SMS_COMMAND = "sms";
export const HELP_COMMAND = "sms-help";
export const HISTORY_COMMAND = "sms-history";
export const STATUS_COMMAND = "sms-status";
export const CREDIT_COMMAND = "sms-credit";

export const SMS_OPTION = {
  to: "to",
  message: "message",
  flash: "flash",
  delay: "delay",
  at: "at",
  service: "service",
  replyTo: "reply_to",
  dryRun: "dry_run",
  escalateAfter: "escalate_after",
  escalateTo: "escalate_to",
} as const;

const SERVICES = ["default", "premier", "economy"] as const;

/**
 * Who may use a command until a server says otherwise: the bit set "0" lets only administrators
 * run it, and they grant it to roles, members or channels in Server Settings → Integrations. A
 * page wakes people and spends credit, so nobody gets it by default, not even moderators.
 */
const ADMINISTRATORS_UNTIL_GRANTED = 0n;

/**
 * Every command of ours: installed to servers and used in their channels only, never in a DM,
 * where server permissions, roles and channel restrictions do not apply.
 */
function serverCommand(name: string, description: string): SlashCommandBuilder {
  return new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setDefaultMemberPermissions(ADMINISTRATORS_UNTIL_GRANTED);
}

function smsCommand(): SlashCommandBuilder {
  const command = serverCommand(
    SMS_COMMAND,
    "Page people by SMS through csoft; results go in a thread",
  );
  command.addStringOption((option) =>
    option
      .setName(SMS_OPTION.to)
      .setDescription(
        "Comma-separated numbers, contact names or book:Book[::Group]: 447700900123, alice",
      )
      .setRequired(true),
  );
  command.addStringOption((option) =>
    option.setName(SMS_OPTION.message).setDescription("The text of the SMS").setRequired(true),
  );
  command.addBooleanOption((option) =>
    option
      .setName(SMS_OPTION.flash)
      .setDescription("Flash SMS: shown on the screen at once, not stored"),
  );
  command.addStringOption((option) =>
    option.setName(SMS_OPTION.delay).setDescription("Send later: minutes (1-10080) or 30m, 2h, 1d"),
  );
  command.addStringOption((option) =>
    option.setName(SMS_OPTION.at).setDescription("Send at a UTC time: YYYY-MM-DDTHH:MM[:SS][Z]"),
  );
  command.addStringOption((option) =>
    option
      .setName(SMS_OPTION.service)
      .setDescription("csoft delivery service")
      .addChoices(...SERVICES.map((service) => ({ name: service, value: service }))),
  );
  command.addStringOption((option) =>
    option
      .setName(SMS_OPTION.replyTo)
      .setDescription("Number that replies go to (international format)"),
  );
  command.addBooleanOption((option) =>
    option
      .setName(SMS_OPTION.dryRun)
      .setDescription("Only show who would be paged, and how; send nothing"),
  );
  command.addStringOption((option) =>
    option
      .setName(SMS_OPTION.escalateAfter)
      .setDescription("With escalate_to: page them too if nobody acknowledges by then (10s-24h)"),
  );
  command.addStringOption((option) =>
    option
      .setName(SMS_OPTION.escalateTo)
      .setDescription("With escalate_after: who to page then, comma-separated: carol, db-managers"),
  );
  return command;
}

function helpCommand(): SlashCommandBuilder {
  return serverCommand(HELP_COMMAND, "How to page people with /sms (only you see the answer)");
}

function historyCommand(): SlashCommandBuilder {
  const command = serverCommand(
    HISTORY_COMMAND,
    "The last pages and what became of them (only you see the answer)",
  );
  command.addIntegerOption((option) =>
    option
      .setName("count")
      .setDescription(`How many pages, 1-${MAX_HISTORY} (10 unless given)`)
      .setMinValue(1)
      .setMaxValue(MAX_HISTORY),
  );
  return command;
}

function statusCommand(): SlashCommandBuilder {
  const command = serverCommand(
    STATUS_COMMAND,
    "What became of a message id, or of the last pages to a number (only you see it)",
  );
  command.addStringOption((option) =>
    option
      .setName("of")
      .setDescription("A csoft message id from a page's results, or an international number")
      .setRequired(true),
  );
  return command;
}

function creditCommand(): SlashCommandBuilder {
  return serverCommand(CREDIT_COMMAND, "The csoft account's balance (only you see the answer)");
}

/** The one definition of the commands: registration, the manifest and the help all read it. */
export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    smsCommand().toJSON(),
    helpCommand().toJSON(),
    historyCommand().toJSON(),
    statusCommand().toJSON(),
    creditCommand().toJSON(),
  ];
}
