/** The platform's name: the descriptor's name, every Actor's platform, and its key in contacts ids. */
export const PLATFORM = "slack";
