#!/usr/bin/env node
// Registers the standalone bot's commands with Discord: DISCORD_TOKEN, DISCORD_APPLICATION_ID,
// optional DISCORD_GUILD_ID (one server, instant) and DISCORD_API_URL. Safe to re-run. The
// application is the bot's own, so its command list is replaced with exactly ours.
import { existsSync } from "node:fs";
import { registerCommands, registerOptionsFromEnv } from "../adapters/discord/register.js";

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const read = registerOptionsFromEnv(process.env);
  if (!read.ok) {
    process.stderr.write(`${read.problems.join("\n")}\nSee .env.example for every variable.\n`);
    process.exitCode = 1;
    return;
  }
  const { guildId } = read.options;
  const commands = await registerCommands({ ...read.options, mode: "replace" });
  const names = commands.map((command) => `/${command.name}`).join(", ");
  const where = guildId === undefined ? "globally" : `in server ${guildId}`;
  process.stdout.write(`Registered ${names} ${where}.\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`Could not register the Discord commands: ${message}\n`);
  process.exitCode = 1;
});
