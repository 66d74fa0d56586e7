import type { DeliveryOptions, MessageEncoding } from "../command/types.js";
import type { Outcome } from "../csoft/types.js";
import type { PageAnnouncement, PagePreview, PageReport, PageResult } from "../page/types.js";

/** How many recipients the parent message lists before it says "and N more". */
const LISTED_RECIPIENTS = 10;

const OUTCOME_LABEL: Record<Outcome, string> = {
  failed: "FAILED",
  unknown: "UNKNOWN",
  warning: "WARNING",
  accepted: "accepted",
  delivered: "delivered",
};

/** Order of the thread: what needs a human first. */
export const OUTCOME_ORDER: readonly Outcome[] = [
  "failed",
  "unknown",
  "warning",
  "accepted",
  "delivered",
];

export function outcomeLabel(outcome: Outcome): string {
  return OUTCOME_LABEL[outcome];
}

export function describeEncoding(encoding: MessageEncoding): string {
  const name = encoding.encoding === "gsm7" ? "GSM 7-bit" : "Unicode";
  const parts = encoding.parts === 1 ? "1 SMS part" : `${encoding.parts} SMS parts`;
  return `${name}, ${encoding.length} characters, ${parts}`;
}

export function describeOptions(options: DeliveryOptions): string {
  const words: string[] = [];
  if (options.flash) words.push("flash");
  if (options.delayMinutes !== undefined) words.push(`delayed ${options.delayMinutes} min`);
  if (options.sendAt) words.push(`at ${options.sendAt.toISOString().slice(0, 19)}Z`);
  if (options.service) words.push(`${options.service} service`);
  if (options.replyTo) words.push(`reply to ${options.replyTo}`);
  return words.join(", ");
}

export function listRecipients(recipients: readonly string[]): string {
  const listed = recipients.slice(0, LISTED_RECIPIENTS).join(", ");
  const rest = recipients.length - LISTED_RECIPIENTS;
  return rest > 0 ? `${listed} and ${rest} more` : listed;
}

export function renderAnnouncement(announcement: PageAnnouncement): string {
  const { actor, recipients, message, options, encoding } = announcement;
  const who = recipients.length === 1 ? "" : `${recipients.length} recipients: `;
  const details = [describeOptions(options), describeEncoding(encoding)].filter(Boolean).join("; ");
  return `${actor.name} paged ${who}${listRecipients(recipients)}\n"${message}"\n(${details})`;
}

export function renderResultLine(result: PageResult): string {
  const code = result.reportCode === null ? "no code" : `code ${result.reportCode}`;
  const id = result.messageId === null ? "no message id" : `id ${result.messageId}`;
  const server = result.server === null ? "" : ` (${result.server})`;
  const who =
    result.person === undefined ? result.recipient : `${result.person} ${result.recipient}`;
  return `${outcomeLabel(result.outcome).padEnd(9)} ${who}  ${code}  ${result.meaning}  ${id}${server}`;
}

export function renderSummary(report: PageReport): string {
  const counts = OUTCOME_ORDER.filter((outcome) => report.counts[outcome] > 0)
    .map((outcome) => `${report.counts[outcome]} ${outcome}`)
    .join(", ");
  const servers = report.servers.length > 0 ? report.servers.join(" and ") : "no server answered";
  const requests = report.requests === 1 ? "1 request" : `${report.requests} requests`;
  const seconds = (report.durationMs / 1000).toFixed(2);
  const lines = [
    `${report.results.length} sent: ${counts} · ${servers} · ${requests} · ${seconds} s`,
  ];
  if (report.failedOver)
    lines.push("The primary csoft server could not be reached; sent through the secondary.");
  if (report.counts.unknown > 0) {
    lines.push(
      `${report.counts.unknown} UNKNOWN: the request may have reached csoft but its answer was lost. ` +
        "Not resent, to avoid a duplicate page: check before paging them again.",
    );
  }
  return lines.join("\n");
}

/** The whole thread reply as plain lines: one per number (failures first), then the summary. */
export function renderReport(report: PageReport): string {
  return [...report.results.map(renderResultLine), renderSummary(report)].join("\n");
}

/** Hides the last two digits: enough to recognise a number, not to copy it out of a channel. */
export function maskNumber(number: string): string {
  return `${number.slice(0, -2)}**`;
}

export function renderPreview(preview: PagePreview): string {
  const count = preview.numbers.length === 1 ? "1 number" : `${preview.numbers.length} numbers`;
  const lines = [`Dry run: nothing was sent. This would page ${count}:`];
  for (const { number, person } of preview.numbers) {
    lines.push(`  ${person === undefined ? "" : `${person} `}${maskNumber(number)}`);
  }
  for (const book of preview.addressBooks) lines.push(`  ${book} (csoft address book)`);
  if (preview.message) {
    const { text, encoding, options } = preview.message;
    const details = [describeOptions(options), describeEncoding(encoding)]
      .filter(Boolean)
      .join("; ");
    lines.push(`Message: "${text}" (${details})`);
  }
  return lines.join("\n");
}
