import { type APIEmbed, type APIEmbedField, Colors, escapeMarkdown } from "discord.js";
import type { Outcome, PageAnnouncement, PageReport, PageResult } from "../../src/kit.js";
import {
  describeCode,
  describeEncoding,
  describeOptions,
  outcomeLabel,
  renderAnnouncementHeadline,
  renderSummary,
} from "../../src/kit.js";
import { DISCORD_LIMITS, truncate } from "./limits.js";

const OUTCOME_COLOR: Record<Outcome, number> = {
  failed: Colors.Red,
  unknown: Colors.Orange,
  warning: Colors.Yellow,
  accepted: Colors.Green,
  delivered: Colors.DarkGreen,
};

const OUTCOME_MARK: Record<Outcome, string> = {
  failed: "🔴",
  unknown: "🟠",
  warning: "🟡",
  accepted: "🟢",
  delivered: "✅",
};

/** What the parent message of a page says; the result line is added once the page is done. */
export interface ParentMessage {
  content: string;
  embeds: APIEmbed[];
}

/** Shows text as typed, not as markdown; cut first, as escaping is slow on long text. */
function escapedWithin(text: string, max: number): string {
  return truncate(escapeMarkdown(truncate(text, max)), max);
}

/** Characters Discord counts towards the 6,000 a message may carry in embeds. */
export function embedLength(embed: APIEmbed): number {
  let length = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  length += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) length += field.name.length + field.value.length;
  return length;
}

export function parentMessage(
  announcement: PageAnnouncement,
  result?: { report: PageReport; where: string },
): ParentMessage {
  const headline = renderAnnouncementHeadline(announcement);
  const fields: APIEmbedField[] = [];
  const options = describeOptions(announcement.options);
  if (options)
    fields.push({ name: "Options", value: truncate(options, DISCORD_LIMITS.fieldValue) });
  fields.push({ name: "Encoding", value: describeEncoding(announcement.encoding) });
  if (result) {
    const summary = renderSummary(result.report).split("\n")[0] ?? "";
    fields.push({
      name: "Result",
      value: truncate(`${summary}\nPer-number results: ${result.where}`, DISCORD_LIMITS.fieldValue),
    });
  }
  return {
    content: truncate(headline, DISCORD_LIMITS.content),
    embeds: [
      {
        title: "SMS page",
        description: escapedWithin(announcement.message, DISCORD_LIMITS.description),
        fields,
        color: result ? OUTCOME_COLOR[worstOutcome(result.report)] : Colors.Blurple,
      },
    ],
  };
}

/** The thread of a page: result embeds (failures first, as the report orders them) and a summary, split into messages within Discord's limits. */
export function reportMessages(report: PageReport): APIEmbed[][] {
  const embeds = [...noticeEmbeds(report), ...resultEmbeds(report), summaryEmbed(report)];
  return packMessages(embeds);
}

function resultField(result: PageResult): APIEmbedField {
  const code = describeCode(result.reportCode);
  const id = result.messageId === null ? "no message id" : `id \`${result.messageId}\``;
  const server = result.server === null ? "" : ` · ${result.server}`;
  return {
    name: truncate(
      // The number stays the second word: people scan the thread for it.
      `${OUTCOME_MARK[result.outcome]} ${result.recipient}${result.person === undefined ? "" : ` (${escapeMarkdown(result.person)})`}`,
      DISCORD_LIMITS.fieldName,
    ),
    value: truncate(
      `${code} · ${escapedWithin(result.meaning, DISCORD_LIMITS.fieldValue)}\n${id}${server}`,
      DISCORD_LIMITS.fieldValue,
    ),
    inline: true,
  };
}

/**
 * "accepted · 30"; when an outcome's results fill more than one embed, each says which of them
 * it holds, "accepted · 1–25 of 30", so no title claims more numbers than it shows.
 */
function resultTitle(outcome: Outcome, total: number, first: number, last: number): string {
  const label = outcomeLabel(outcome);
  if (first === 1 && last === total) return `${label} · ${total}`;
  return `${label} · ${first}–${last} of ${total}`;
}

/** Results of one outcome that share an embed; `first` counts from 1 within the outcome. */
interface ResultRun {
  outcome: Outcome;
  first: number;
  fields: APIEmbedField[];
  length: number;
}

/** One embed per run of results with the same outcome, continued in more embeds when full. */
function resultEmbeds(report: PageReport): APIEmbed[] {
  const runs: ResultRun[] = [];
  let open: ResultRun | undefined;
  let placed = 0;
  for (const result of report.results) {
    const field = resultField(result);
    const fieldLength = field.name.length + field.value.length;
    const total = report.counts[result.outcome];
    if (open?.outcome !== result.outcome) placed = 0;
    // The title is written once the run is full; room is kept for the longest it can be.
    const titleRoom = resultTitle(result.outcome, total, total, total).length;
    const fits =
      open !== undefined &&
      open.outcome === result.outcome &&
      open.fields.length < DISCORD_LIMITS.fieldsPerEmbed &&
      titleRoom + open.length + fieldLength <= DISCORD_LIMITS.charactersPerMessage;
    if (!fits || open === undefined) {
      open = { outcome: result.outcome, first: placed + 1, fields: [], length: 0 };
      runs.push(open);
    }
    open.fields.push(field);
    open.length += fieldLength;
    placed += 1;
  }
  return runs.map((run) => ({
    title: resultTitle(
      run.outcome,
      report.counts[run.outcome],
      run.first,
      run.first + run.fields.length - 1,
    ),
    color: OUTCOME_COLOR[run.outcome],
    fields: run.fields,
  }));
}

/** Notices (out of credit) open the thread, above the results. */
function noticeEmbeds(report: PageReport): APIEmbed[] {
  const notices = report.notices ?? [];
  if (notices.length === 0) return [];
  const description = truncate(notices.join("\n"), DISCORD_LIMITS.description);
  return [{ title: "Notice", description, color: OUTCOME_COLOR.failed }];
}

function summaryEmbed(report: PageReport): APIEmbed {
  return {
    title: "Summary",
    description: truncate(renderSummary(report), DISCORD_LIMITS.description),
    color: OUTCOME_COLOR[worstOutcome(report)],
  };
}

/** Greedy packing: as many embeds per message as both the count and the character budget allow. */
function packMessages(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const messages: APIEmbed[][] = [];
  let current: APIEmbed[] = [];
  let used = 0;
  for (const embed of embeds) {
    const length = embedLength(embed);
    const fits =
      current.length < DISCORD_LIMITS.embedsPerMessage &&
      used + length <= DISCORD_LIMITS.charactersPerMessage;
    if (!fits && current.length > 0) {
      messages.push(current);
      current = [];
      used = 0;
    }
    current.push(embed);
    used += length;
  }
  if (current.length > 0) messages.push(current);
  return messages;
}

/** The report orders results by urgency, so the first one is the worst. */
function worstOutcome(report: PageReport): Outcome {
  return report.results[0]?.outcome ?? "unknown";
}

/** A further message in a page's thread (low credit, numbers not delivered): one embed. */
export function noteEmbeds(text: string): APIEmbed[] {
  return [{ description: truncate(text, DISCORD_LIMITS.description) }];
}
