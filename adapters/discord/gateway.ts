// The gateway's side of the interaction port: a discord.js interaction, whose first answer is a
// callback over discord.js's own REST client.
import { type Interaction, Routes } from "discord.js";
import type { DiscordInteraction } from "./interaction.js";
import type { DiscordRest } from "./replies.js";

/** The port over a slash command or button click; undefined for any other interaction. */
export function gatewayInteraction(
  interaction: Interaction,
  rest: DiscordRest,
): DiscordInteraction | undefined {
  const what = interaction.isChatInputCommand()
    ? {
        command: {
          name: interaction.commandName,
          options: interaction.options.data.map(({ name, type, value }) => ({
            name,
            type,
            ...(value !== undefined && value !== null && { value }),
          })),
        },
      }
    : interaction.isButton()
      ? { customId: interaction.customId }
      : undefined;
  if (what === undefined) return undefined;
  const { id, token } = interaction;
  return {
    id,
    token,
    applicationId: interaction.applicationId,
    userId: interaction.user.id,
    guildId: interaction.guildId,
    channelId: interaction.channelId,
    roleIds: roleIds(interaction),
    ...what,
    respond: async (body) => {
      await rest.post(Routes.interactionCallback(id, token), { body, auth: false });
    },
    // Silence is all the gateway needs: no callback is sent.
    skip: () => undefined,
  };
}

/** Role ids, whether discord.js cached the member or handed over the raw API object. */
function roleIds(interaction: Interaction): string[] {
  const roles = interaction.member?.roles;
  if (roles === undefined) return [];
  return Array.isArray(roles) ? roles : [...roles.cache.keys()];
}
