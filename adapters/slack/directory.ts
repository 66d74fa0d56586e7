import type { webApi } from "@slack/bolt";
import { ChatopsError } from "../../src/kit.js";

/** What the Slack workspace knows about people, for turning mentions into phone numbers. */
export interface SlackDirectory {
  /** The phone field of the user's profile as they typed it; "" when they gave none. */
  profilePhone(userId: string): Promise<string>;
  /** The user IDs in a user group. */
  groupMembers(groupId: string): Promise<string[]>;
}

/** Slack refused a lookup; `reason` is Slack's error code (missing_scope, user_not_found…). */
export class DirectoryError extends ChatopsError {
  constructor(
    readonly subject: { userId: string } | { groupId: string },
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super("SLACK_DIRECTORY", `Slack lookup failed: ${reason}`, options);
  }
}

/** Slack's own error code of a failed Web API call (`not_in_channel`), or a generic word. */
export function slackErrorCode(error: unknown): string {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  if (typeof data?.error === "string") return data.error;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : "request_failed";
}

/** The directory through the Web API: users.profile.get and usergroups.users.list. */
export function webDirectory(client: webApi.WebClient): SlackDirectory {
  return {
    async profilePhone(userId) {
      try {
        const answer = await client.users.profile.get({ user: userId });
        return answer.profile?.phone?.trim() ?? "";
      } catch (error) {
        throw new DirectoryError({ userId }, slackErrorCode(error), { cause: error });
      }
    },
    async groupMembers(groupId) {
      try {
        const answer = await client.usergroups.users.list({ usergroup: groupId });
        return answer.users ?? [];
      } catch (error) {
        throw new DirectoryError({ groupId }, slackErrorCode(error), { cause: error });
      }
    },
  };
}
