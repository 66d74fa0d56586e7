import type { APIEmbed } from "discord.js";
import { type RunningDiscord, startDiscord } from "../../adapters/discord/index.js";
import type { Directory } from "../../src/contacts/directory.js";
import type { Simulator } from "../../src/csoft/simulator.js";
import { createLogger } from "../../src/log.js";
import { createPager, type Pager, type PagerDeps } from "../../src/page/pager.js";
import { startLocalCsoft } from "../support/csoft.js";
import { type LossyCsoft, startLossyCsoft } from "../support/lossy-csoft.js";
import { memoryStore } from "../support/store.js";
import {
  APPLICATION_ID,
  BOT_TOKEN,
  type FakeDiscord,
  type InteractionOptions,
  type RecordedCall,
  type SentInteraction,
  startFakeDiscord,
} from "./fake-discord.js";

export const CSOFT_USERNAME = "ops.discord";
export const CSOFT_PIN = "73591142";

/** The adapter as it runs in production: real Client, pager and CsoftClient, fake Discord and csoft. */
export interface Harness {
  discord: FakeDiscord;
  simulator: Simulator;
  running: RunningDiscord;
  /** The pager the bot runs commands with. */
  pager: Pager;
  /** Every log line, as pino wrote it. */
  logLines: string[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  latencyMs?: number;
  directory?: Directory;
  pager?: Partial<PagerDeps>;
  allowGuilds?: string[];
  /** Loses csoft's answer to the requests it picks (a loopback relay drops the connection). */
  losesAnswer?: LossyCsoft["losesAnswer"];
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const discord = await startFakeDiscord();
  const account = { username: CSOFT_USERNAME, pin: CSOFT_PIN };
  const { losesAnswer } = options;
  const csoft = losesAnswer
    ? await startLossyCsoft({ account, losesAnswer })
    : await startLocalCsoft({ account, latencyMs: options.latencyMs ?? 0 });
  const logLines: string[] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (line) => logLines.push(line) },
  });
  const { directory } = options;
  const contacts = directory && (() => directory);
  const pager = createPager({
    store: memoryStore(),
    transport: csoft.client,
    logger,
    ...(contacts && { directory: contacts }),
    ...options.pager,
  });
  const running = await startDiscord({
    token: BOT_TOKEN,
    applicationId: APPLICATION_ID,
    apiUrl: discord.apiUrl,
    pager,
    logger,
    ...(contacts && { contacts }),
    ...(options.allowGuilds && { allowGuilds: options.allowGuilds }),
  });
  return {
    discord,
    simulator: csoft.simulator,
    running,
    pager,
    logLines,
    async close() {
      await running.stop();
      await csoft.close();
      await discord.close();
    },
  };
}

/** An option of the `/sms` interaction, typed as Discord types it (3 string, 5 boolean). */
export function option(name: string, value: string | boolean) {
  return { name, type: typeof value === "boolean" ? 5 : 3, value };
}

export function smsInteraction(
  fields: Record<string, string | boolean>,
  extra: Omit<InteractionOptions, "options"> = {},
): InteractionOptions {
  return { ...extra, options: Object.entries(fields).map(([name, value]) => option(name, value)) };
}

/** Calls about one interaction: its callback, its webhook (reply, follow-ups) and its thread. */
export function callsOf(discord: FakeDiscord, sent: SentInteraction): RecordedCall[] {
  return discord.calls.filter(
    (call) =>
      call.path.includes(sent.token) ||
      call.path.includes(`/interactions/${sent.id}/`) ||
      call.path.startsWith(`/channels/${sent.originalId}/`) ||
      call.path.includes(`/messages/${sent.originalId}/threads`),
  );
}

export function isResultEdit(sent: SentInteraction) {
  return (call: RecordedCall) =>
    call.method === "PATCH" &&
    call.path.includes(sent.token) &&
    (call.body.embeds?.[0]?.fields ?? []).some((field) => field.name === "Result");
}

export function isPrivateFollowUp(sent: SentInteraction) {
  return (call: RecordedCall) =>
    call.method === "POST" && call.path.endsWith(sent.token) && call.body.flags === 64;
}

/** The embeds of the thread's (or follow-ups') result messages, in order. */
export function resultMessages(calls: readonly RecordedCall[]): APIEmbed[][] {
  return calls
    .filter(
      (call) =>
        call.method === "POST" &&
        !call.path.endsWith("/threads") &&
        !call.path.includes("/interactions/") &&
        (call.body.embeds?.length ?? 0) > 0,
    )
    .map((call) => call.body.embeds ?? []);
}

export function fieldsOf(messages: readonly APIEmbed[][]) {
  return messages.flat().flatMap((embed) => embed.fields ?? []);
}

/** Waits for the Confirm / Cancel question of a large page and clicks Confirm as the requester. */
export async function confirmLargePage(discord: FakeDiscord, sent: SentInteraction) {
  const question = await discord.waitForCall(
    (call) => isPrivateFollowUp(sent)(call) && (call.body.components?.length ?? 0) > 0,
  );
  const confirm = question.body.components?.[0]?.components?.[0]?.custom_id ?? "";
  return discord.sendInteraction({ button: { customId: confirm } });
}
