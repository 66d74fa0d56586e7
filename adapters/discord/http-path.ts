/** Where Discord POSTs interactions on PORT: the Interactions Endpoint URL's path. */
export const DISCORD_INTERACTIONS_PATH = "/discord/interactions";
