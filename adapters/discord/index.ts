// The Discord adapter: its descriptor (variables, allow-list, contacts field, start), /sms and its
// companions as slash commands with typed options, embeds, buttons, and command registration.
// This module is its public surface.
export { attachSmsCommand, type SmsCommandBinding, type SmsCommandDeps } from "./attach.js";
export { commandDefinitions, HELP_COMMAND, SMS_COMMAND } from "./commands.js";
export { type DiscordMessageRef, deliveryEmbed, discordDeliveryEditor } from "./delivery.js";
export { type DiscordSettings, discord } from "./descriptor.js";
export type { DiscordContacts } from "./mentions.js";
export { type RegisterOptions, registerCommands } from "./register.js";
export { type DiscordOptions, type RunningDiscord, startDiscord } from "./start.js";
