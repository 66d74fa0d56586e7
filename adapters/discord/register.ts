import { type APIApplicationCommand, REST, type RouteLike, Routes } from "discord.js";
import { commandDefinitions } from "./commands.js";

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Registers in one server (instant, good for testing); globally when absent. */
  guildId?: string;
  apiUrl?: string;
  /**
   * `merge` (the default, for a bot that has commands of its own): creates or updates ours by
   * name and leaves every other command alone. `replace` (the standalone bot, whose application
   * holds only ours): one bulk overwrite, which also removes commands we no longer define.
   */
  mode?: "merge" | "replace";
}

/** Registers our commands; running it again is safe. Resolves to ours, as Discord holds them. */
export async function registerCommands(options: RegisterOptions): Promise<APIApplicationCommand[]> {
  const rest = new REST({
    ...(options.apiUrl !== undefined && { api: options.apiUrl }),
    // A one-shot client: no background sweepers to keep alive.
    hashSweepInterval: 0,
    handlerSweepInterval: 0,
  }).setToken(options.token);
  if (options.mode === "replace") {
    // Discord keeps the id (and a server's permission settings) of a command whose name stays.
    const body = commandDefinitions();
    return (await rest.put(commandRoutes(options).all, { body })) as APIApplicationCommand[];
  }
  return mergeCommands(rest, commandRoutes(options));
}

interface CommandRoutes {
  all: RouteLike;
  one(id: string): RouteLike;
}

function commandRoutes({ applicationId, guildId }: RegisterOptions): CommandRoutes {
  if (guildId === undefined) {
    return {
      all: Routes.applicationCommands(applicationId),
      one: (id) => Routes.applicationCommand(applicationId, id),
    };
  }
  return {
    all: Routes.applicationGuildCommands(applicationId, guildId),
    one: (id) => Routes.applicationGuildCommand(applicationId, guildId, id),
  };
}

/** Creates ours that are missing, updates ours that changed, and never touches anyone else's. */
async function mergeCommands(rest: REST, routes: CommandRoutes): Promise<APIApplicationCommand[]> {
  const existing = (await rest.get(routes.all)) as APIApplicationCommand[];
  const registered: APIApplicationCommand[] = [];
  for (const ours of commandDefinitions()) {
    const held = existing.find(
      (command) => command.name === ours.name && command.type === ours.type,
    );
    let command: unknown = held;
    if (held === undefined) command = await rest.post(routes.all, { body: ours });
    else if (!holds(held, ours)) command = await rest.patch(routes.one(held.id), { body: ours });
    registered.push(command as APIApplicationCommand);
  }
  return registered;
}

/**
 * Whether Discord's copy already says everything ours says. Discord adds fields of its own (id,
 * version, localizations) and leaves out defaults, so a field it lacks matches false, null or [].
 */
function holds(held: unknown, ours: unknown): boolean {
  // The builders leave fields we never set as undefined: they say nothing.
  if (ours === undefined) return true;
  if (Array.isArray(ours)) {
    if (!Array.isArray(held)) return ours.length === 0 && held == null;
    return held.length === ours.length && ours.every((item, i) => holds(held[i], item));
  }
  if (ours !== null && typeof ours === "object") {
    if (held === null || typeof held !== "object") return false;
    const fields = held as Record<string, unknown>;
    return Object.entries(ours).every(([key, value]) => holds(fields[key], value));
  }
  if (held === undefined || held === null) return ours === null || ours === false;
  return held === ours;
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
