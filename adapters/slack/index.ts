// The Slack adapter's public surface.
export {
  createSlackApp,
  type RunningSlack,
  type SlackApp,
  type SlackOptions,
  startSlack,
} from "./app.js";
export { registerSmsCommand, type SmsCommand, type SmsCommandOptions } from "./command.js";
export { deliveryMessage, type SlackMessageRef, slackDeliveryEditor } from "./delivery.js";
export type { SlackContacts } from "./resolve.js";
export { createSlackSurface, type SlackSurfaceOptions } from "./surface.js";
