// The Slack adapter's public surface.

export {
  createSlackApp,
  type RunningSlack,
  type SlackApp,
  type SlackOptions,
  startSlack,
} from "./app.js";
export { registerSmsCommand, type SmsCommand, type SmsCommandOptions } from "./command.js";
export { type SlackSettings, slack } from "./descriptor.js";
// The error codes this adapter adds to the product's union (a declaration, nothing at run time).
export * from "./error-codes.js";
export type { SlackContacts } from "./resolve.js";
export { createSlackSurface, type SlackSurfaceOptions } from "./surface.js";
