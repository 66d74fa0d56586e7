// The port every Discord interaction comes through, whichever transport brought it: the
// gateway (discord.js) or Discord's signed HTTP POST. Only the first answer differs between
// them; everything after it goes through the interaction's webhook (see replies.ts).
import type { APIInteractionResponse } from "discord.js";
import { ChatopsError } from "../../src/kit.js";
import type { SmsOptionReader } from "./fields.js";

/** One option of a slash command, as Discord sends it (no subcommands in ours). */
export interface CommandOption {
  name: string;
  type: number;
  value?: string | number | boolean | undefined;
}

/** What the bot reads of one interaction, and the one way it differs between transports. */
export interface DiscordInteraction {
  readonly id: string;
  readonly applicationId: string;
  /** The interaction's webhook token: follow-ups and edits for 15 minutes. */
  readonly token: string;
  readonly userId: string;
  readonly guildId: string | null;
  readonly channelId: string | null;
  /** The member's role ids in the guild; none in a DM. */
  readonly roleIds: readonly string[];
  /** A slash command; absent for a button click. */
  readonly command?: { name: string; options: readonly CommandOption[] };
  /** The clicked button's id; absent for a slash command. */
  readonly customId?: string;
  /**
   * Sends the interaction's one initial response (defer, reply or update): a callback over
   * REST on the gateway, the HTTP answer itself over HTTP.
   */
  respond(response: APIInteractionResponse): Promise<void>;
  /** Called when this delivery is not answered here (another one claimed it): HTTP says so. */
  skip(): void;
}

/** The option reader fields.ts and the audit commands need, over Discord's options. */
export interface OptionReader extends SmsOptionReader {
  getInteger(name: string): number | null;
}

export function optionReader(options: readonly CommandOption[]): OptionReader {
  const value = (name: string) => options.find((option) => option.name === name)?.value;
  function getString(name: string, required: true): string;
  function getString(name: string, required?: boolean): string | null;
  function getString(name: string, required?: boolean): string | null {
    const found = value(name);
    if (typeof found === "string") return found;
    if (required) throw new ChatopsError("SURFACE", `Discord sent no "${name}" option.`);
    return null;
  }
  return {
    getString,
    getBoolean: (name) => {
      const found = value(name);
      return typeof found === "boolean" ? found : null;
    },
    getInteger: (name) => {
      const found = value(name);
      return typeof found === "number" ? found : null;
    },
  };
}
