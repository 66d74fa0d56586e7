// A page's results as thread messages: a summary first, then one line per number, failures
// first, split so that no message breaks Slack's limits however many numbers were paged.
import type { types } from "@slack/bolt";
import type { Outcome, PageReport, PageResult } from "../../src/kit.js";
import { describeCode, OUTCOME_ORDER, renderSummary } from "../../src/kit.js";
import type { SlackMessage } from "./announcement.js";
import { packLines, SLACK_LIMITS } from "./limits.js";
import { escapeMrkdwn, mentionUser, truncate } from "./mrkdwn.js";
import { type People, recipientMrkdwn } from "./people.js";

/** Enough lines to scan at a glance, few enough that Slack does not fold the section. */
const LINES_PER_SECTION = 20;
/** A thread message stays short enough to read; 700 numbers make 7 of them. */
const RESULTS_PER_MESSAGE = 100;
/** The header and summary section that open the first thread message. */
const SUMMARY_BLOCKS = 2;

const MARK: Record<Outcome, string> = {
  failed: ":x: *FAILED*",
  unknown: ":grey_question: *UNKNOWN*",
  warning: ":warning: *WARNING*",
  accepted: ":white_check_mark:",
  delivered: ":white_check_mark: delivered",
};

const GROUP_TITLE: Record<Outcome, string> = {
  failed: "Failed",
  unknown: "Unknown: not resent",
  warning: "Sent with a warning",
  accepted: "Accepted",
  delivered: "Delivered",
};

interface ResultSection {
  block: types.SectionBlock;
  results: number;
}

function resultLine(result: PageResult, people: People): string {
  const code = describeCode(result.reportCode);
  const id =
    result.messageId === null ? "no message id" : `id \`${escapeMrkdwn(result.messageId)}\``;
  const server = result.server === null ? "" : ` · ${result.server}`;
  // One line per number: csoft's text may carry line breaks of its own.
  const meaning = escapeMrkdwn(result.meaning.replace(/\s+/g, " "));
  return `${MARK[result.outcome]} ${recipientMrkdwn(result.recipient, people, result.person)} · ${code} · ${meaning} · ${id}${server}`;
}

/** A further thread message after the report (low credit): one section of plain words. */
/** A further message in a page's thread (low credit, numbers not delivered), which may mention someone. */
export function noteMessage(text: string, mention?: string): SlackMessage {
  const opening = mention === undefined ? "" : `${mentionUser(mention)} `;
  const written = truncate(`${opening}${escapeMrkdwn(text)}`, SLACK_LIMITS.sectionText);
  return { text: written, blocks: [{ type: "section", text: { type: "mrkdwn", text: written } }] };
}

export function reportMessages(report: PageReport, people: People): SlackMessage[] {
  const pages = paginate(resultSections(report.results, people));
  // Notices (out of credit) open the first message, above the counts.
  const summary = escapeMrkdwn([...(report.notices ?? []), renderSummary(report)].join("\n"));
  const total = report.results.length;
  let first = 0;
  return pages.map((page, index) => {
    const results = page.reduce((sum, section) => sum + section.results, 0);
    const range = `Results ${first + 1}–${first + results} of ${total}`;
    first += results;
    const sections = page.map((section) => section.block);
    if (index === 0) {
      return { text: summary, blocks: [...summaryBlocks(report, summary), ...sections] };
    }
    const context: types.ContextBlock = {
      type: "context",
      elements: [{ type: "mrkdwn", text: `${range}, continued` }],
    };
    return { text: range, blocks: [context, ...sections] };
  });
}

/** Sections into messages: the first holds the summary (2 blocks), the others a context line. */
function paginate(sections: readonly ResultSection[]): ResultSection[][] {
  const pages: ResultSection[][] = [[]];
  let blocks = SUMMARY_BLOCKS;
  let results = 0;
  for (const section of sections) {
    const full =
      blocks + 1 > SLACK_LIMITS.blocksPerMessage ||
      (results > 0 && results + section.results > RESULTS_PER_MESSAGE);
    if (full) {
      pages.push([]);
      blocks = 1;
      results = 0;
    }
    pages[pages.length - 1]?.push(section);
    blocks += 1;
    results += section.results;
  }
  return pages;
}

function summaryBlocks(report: PageReport, summary: string): types.KnownBlock[] {
  return [
    { type: "header", text: { type: "plain_text", text: headline(report), emoji: true } },
    {
      type: "section",
      text: {
        type: "mrkdwn",
        text: truncate(summary, SLACK_LIMITS.sectionText),
      },
    },
  ];
}

/** What needs a human, in one line above everything else. */
function headline(report: PageReport): string {
  const total = report.results.length;
  const { failed, unknown, warning } = report.counts;
  const parts: string[] = [];
  if (failed > 0) parts.push(`${failed} FAILED`);
  if (unknown > 0) parts.push(`${unknown} UNKNOWN`);
  if (parts.length > 0)
    return truncate(`:rotating_light: ${parts.join(", ")} of ${total}`, SLACK_LIMITS.headerText);
  if (total === 1)
    return warning > 0 ? ":warning: Sent with a warning" : ":white_check_mark: Accepted";
  if (warning > 0) return `:warning: ${total} sent, ${warning} with a warning`;
  return `:white_check_mark: All ${total} accepted`;
}

function resultSections(results: readonly PageResult[], people: People): ResultSection[] {
  const sections: ResultSection[] = [];
  for (const outcome of OUTCOME_ORDER) {
    const group = results.filter((result) => result.outcome === outcome);
    if (group.length === 0) continue;
    const title = `*${GROUP_TITLE[outcome]} (${group.length})*`;
    const lines = [title, ...group.map((result) => resultLine(result, people))];
    let titled = true;
    for (const text of packLines(lines, SLACK_LIMITS.sectionText, LINES_PER_SECTION + 1)) {
      const count = text.split("\n").length - (titled ? 1 : 0);
      sections.push({ block: { type: "section", text: { type: "mrkdwn", text } }, results: count });
      titled = false;
    }
  }
  return sections;
}
