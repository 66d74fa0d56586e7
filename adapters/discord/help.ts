import { type APIApplicationCommandOption, ApplicationCommandOptionType } from "discord.js";
import { commandDefinitions, SMS_COMMAND } from "./commands.js";

function describeOption(option: APIApplicationCommandOption): string {
  const required = "required" in option && option.required ? " (required)" : "";
  const choices =
    option.type === ApplicationCommandOptionType.String && option.choices
      ? ` (${option.choices.map((choice) => choice.value).join(", ")})`
      : "";
  return `• \`${option.name}\`${required}: ${option.description}${choices}`;
}

/**
 * Help for Discord's typed options, built from the command definition so it cannot drift from
 * what Discord shows; the core's help describes the `--flag` text grammar of Slack and the terminal.
 */
export function discordHelpText(): string {
  const sms = commandDefinitions().find((command) => command.name === SMS_COMMAND);
  const options = (sms?.options ?? []).map(describeOption);
  return [
    `**/${SMS_COMMAND}**: page people by SMS. The page is posted here, and each number's report code and message id go in a thread under it.`,
    ...options,
    "Recipients: international numbers (`447700900123`; spaces, `+`, `-`, brackets and dots are ignored), contact names from the contacts directory (`alice`, `db-oncall`), or `book:<AddressBook>[::<Group>]` for a csoft address book. Discord profiles have no phone numbers, so an `@user` mention works only for someone the contacts directory lists with their Discord id.",
    "`delay` and `at` cannot be used together; `at` must be in the future.",
    "Example: `/sms to:447700900123,447700900124 message:db1 is down flash:True`",
  ].join("\n");
}
