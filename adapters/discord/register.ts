import { REST, type RESTPutAPIApplicationCommandsResult, Routes } from "discord.js";
import { commandDefinitions } from "./commands.js";

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Registers in one server (instant, good for testing); globally when absent. */
  guildId?: string;
  apiUrl?: string;
}

/**
 * Bulk-overwrites the application's commands with ours, so running it again is safe:
 * it updates the commands in place and removes ones we no longer define.
 */
export async function registerCommands(
  options: RegisterOptions,
): Promise<RESTPutAPIApplicationCommandsResult> {
  const rest = new REST({
    ...(options.apiUrl !== undefined && { api: options.apiUrl }),
    // A one-shot client: no background sweepers to keep alive.
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(options.token);
  const route =
    options.guildId === undefined
      ? Routes.applicationCommands(options.applicationId)
      : Routes.applicationGuildCommands(options.applicationId, options.guildId);
  return (await rest.put(route, {
    body: commandDefinitions(),
  })) as RESTPutAPIApplicationCommandsResult;
}

/** Reads the registration options from the environment, or says which variables are missing. */
export function registerOptionsFromEnv(
  env: Record<string, string | undefined>,
): { ok: true; options: RegisterOptions } | { ok: false; problems: string[] } {
  const token = env.DISCORD_TOKEN?.trim();
  const applicationId = env.DISCORD_APPLICATION_ID?.trim();
  const problems: string[] = [];
  if (!token) problems.push("DISCORD_TOKEN is missing: the bot token from the Developer Portal");
  if (!applicationId)
    problems.push(
      "DISCORD_APPLICATION_ID is missing: the application id from the Developer Portal",
    );
  if (!token || !applicationId) return { ok: false, problems };
  const guildId = env.DISCORD_GUILD_ID?.trim();
  const apiUrl = env.DISCORD_API_URL?.trim();
  return {
    ok: true,
    options: {
      token,
      applicationId,
      ...(guildId && { guildId }),
      ...(apiUrl && { apiUrl }),
    },
  };
}
