/**
 * Why a command from this server (or from no server) is not answered, or undefined when it is.
 * Anyone can add a public bot to a server of their own; the allow-list keeps such a server from
 * paging. Without a list every server the bot is in may page.
 */
export function guildRefusal(
  allowGuilds: readonly string[] | undefined,
  guildId: string | null,
): string | undefined {
  if (allowGuilds === undefined || allowGuilds.length === 0) return undefined;
  if (guildId === null) {
    return "Paging works only in the channels of a server this bot is set up for, not here. Nothing was sent.";
  }
  if (allowGuilds.includes(guildId)) return undefined;
  return "This bot is not set up for this server: it pages only from the servers its operator listed. Nothing was sent.";
}
