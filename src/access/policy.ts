import type { Actor } from "../page/types.js";

/** Ids allowed to page on one platform, as its adapter reads them. All empty: everyone may. */
export interface AllowList {
  users: readonly string[];
  /** The platform's groups of people (user groups, roles), by id. */
  groups: readonly string[];
  channels: readonly string[];
  /** What the platform calls its groups, as a refusal names them ("user groups", "roles"). */
  groupsName: string;
}

export interface AccessPolicy {
  /**
   * Each platform's list, by the name its adapter gives `Actor.platform`. A platform without a
   * list is open, as an empty list is: the terminal has none, since whoever runs it holds the PIN.
   */
  allowLists: Readonly<Record<string, AllowList>>;
  /** The most numbers one command may reach. */
  maxRecipients: number;
}

/** Where a command was typed and what the actor belongs to, as the adapter knows them. */
export interface Whereabouts {
  actor: Actor;
  channelId?: string;
  /** The platform's groups the actor belongs to (those the policy names, at least). */
  groupIds?: readonly string[];
}

export const OPEN_POLICY: AccessPolicy = {
  allowLists: {},
  maxRecipients: Number.POSITIVE_INFINITY,
};

function isOpen(list: AllowList): boolean {
  return list.users.length + list.groups.length + list.channels.length === 0;
}

/** The commands behind the allow lists, and what each lets a person do, as a refusal says it. */
const GUARDED = {
  send: "page",
  who: "look up who a page would reach",
  history: "read the page history",
  status: "look up what became of a page",
  credit: "read the csoft credit",
  resend: "resend a page",
} as const;

export type GuardedCommand = keyof typeof GUARDED;

/**
 * Why this actor may not run `command` from here, or undefined when they may. Matching any
 * listed user, group or channel is enough; a platform with no list, or an empty one, is open.
 * Only a refused page says that nothing was sent: the other commands never send anything.
 */
export function refusalFor(
  policy: AccessPolicy,
  where: Whereabouts,
  command: GuardedCommand,
): string | undefined {
  const { actor } = where;
  const list = policy.allowLists[actor.platform];
  if (list === undefined || isOpen(list)) return undefined;
  if (list.users.includes(actor.id)) return undefined;
  if (where.groupIds?.some((id) => list.groups.includes(id))) return undefined;
  if (where.channelId !== undefined && list.channels.includes(where.channelId)) return undefined;
  const group = list.groupsName;
  if (command === "send" || command === "resend") {
    return `You are not allowed to page from here: paging is limited to certain people, ${group} and channels. Ask an administrator to add you, or page from an allowed channel. Nothing was sent.`;
  }
  return `You are not allowed to ${GUARDED[command]} from here: the bot answers only certain people, ${group} and channels. Ask an administrator to add you, or ask from an allowed channel.`;
}

export function tooManyRecipients(policy: AccessPolicy, numbers: number): string | undefined {
  if (numbers <= policy.maxRecipients) return undefined;
  return `This would page ${numbers} numbers; one command may page at most ${policy.maxRecipients}. Split it, or page a smaller group. Nothing was sent.`;
}
