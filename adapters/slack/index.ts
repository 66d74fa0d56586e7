// The Slack adapter: its descriptor (variables, allow-list, contacts field, start), a Bolt app
// over HTTP or a Socket Mode receiver of its own, /sms as a slash command with mentions resolved
// to numbers, and a Surface that threads results. This module is its public surface.
export {
  createSlackApp,
  type RunningSlack,
  type SlackApp,
  type SlackOptions,
  startSlack,
} from "./app.js";
export { registerSmsCommand, type SmsCommand, type SmsCommandOptions } from "./command.js";
export { deliveryMessage, type SlackMessageRef, slackDeliveryEditor } from "./delivery.js";
export { type SlackSettings, slack } from "./descriptor.js";
// The error codes this adapter adds to the product's union (a declaration, nothing at run time).
export * from "./error-codes.js";
export type { SlackContacts } from "./resolve.js";
export { createSlackSurface, type SlackSurfaceOptions } from "./surface.js";
