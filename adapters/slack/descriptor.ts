// Slack as the program knows it: its variables, its allow-list, its contacts field, and how it
// starts. Bolt is loaded only when Slack runs, so the terminal starts without the SDK.

import { z } from "zod";
import { type AdapterDescriptor, type EnvOf, idList, optionalText } from "../../src/kit.js";
import { CONTACTS_FIELD, CONTACTS_ID } from "./contacts-field.js";
import { PLATFORM } from "./platform.js";

/** What Slack reads from the environment: Socket Mode (app token) or HTTP (signing secret). */
export interface SlackSettings {
  /** xoxb-… */
  botToken: string;
  /** xapp-…: Socket Mode. */
  appToken?: string;
  /** HTTP mode: every request's X-Slack-Signature is verified with it. */
  signingSecret?: string;
  apiUrl?: string;
}

const env = {
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: z.url({ error: "must be a URL, e.g. https://slack.com/api/" }).optional(),
  SLACK_ALLOW_USERS: idList,
  SLACK_ALLOW_USERGROUPS: idList,
  SLACK_ALLOW_CHANNELS: idList,
};

type SlackEnv = EnvOf<typeof env>;

function pairing(values: SlackEnv): string[] {
  const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken } = values;
  const signingSecret = values.SLACK_SIGNING_SECRET;
  if (!botToken && (appToken || signingSecret)) {
    return ["SLACK_BOT_TOKEN is missing: Slack needs the bot token (xoxb-…) as well"];
  }
  if (botToken && !appToken && !signingSecret) {
    return [
      "Slack needs SLACK_APP_TOKEN (xapp-…, Socket Mode) or SLACK_SIGNING_SECRET (HTTP) besides SLACK_BOT_TOKEN",
    ];
  }
  return [];
}

export const slack: AdapterDescriptor<SlackSettings, typeof env> = {
  name: PLATFORM,
  env,
  settings(values) {
    const { SLACK_BOT_TOKEN: botToken, SLACK_APP_TOKEN: appToken } = values;
    const signingSecret = values.SLACK_SIGNING_SECRET;
    if (!botToken || !(appToken || signingSecret)) return undefined;
    return {
      botToken,
      ...(appToken && { appToken }),
      ...(signingSecret && { signingSecret }),
      ...(values.SLACK_API_URL && { apiUrl: values.SLACK_API_URL }),
    };
  },
  problems(values, forced) {
    const problems = pairing(values);
    if (forced && slack.settings(values) === undefined) {
      problems.push(
        "--adapter slack needs SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET",
      );
    }
    return problems;
  },
  allowList: (values) => ({
    users: values.SLACK_ALLOW_USERS,
    groups: values.SLACK_ALLOW_USERGROUPS,
    channels: values.SLACK_ALLOW_CHANNELS,
    groupsName: "user groups",
  }),
  contacts: { field: CONTACTS_FIELD, id: CONTACTS_ID },
  // Over HTTP (no app token) Slack owns PORT: health and metrics ride on its receiver.
  ownsPort: (settings) => settings.appToken === undefined,
  async start(core, deps) {
    const { startSlack } = await import("./app.js");
    const { settings, allowList, routes } = deps;
    const running = await startSlack({
      ...settings,
      port: deps.port,
      pager: core.pager,
      logger: core.logger,
      contacts: core.contacts,
      ...(allowList && { userGroups: allowList.groups }),
      ...(routes.length > 0 && { customRoutes: [...routes] }),
    });
    return { stop: running.stop, ready: running.connected, deliveryEditor: running.deliveryEditor };
  },
};
