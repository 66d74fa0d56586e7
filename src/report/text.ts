import type { DeliveryOptions, MessageEncoding } from "../command/types.js";
import type { Outcome } from "../csoft/types.js";
import { formatDuration } from "../escalation/duration.js";
import type {
  EscalationMark,
  PageAnnouncement,
  PagePreview,
  PageReport,
  PageResult,
} from "../page/types.js";

/** A step that fires this late says so: it fell due while no process ran. */
const LATE_MS = 60_000;

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

/** The options, then the encoding: "flash; GSM 7-bit, 12 characters, 1 SMS part". */
export function describeDelivery(options: DeliveryOptions, encoding: MessageEncoding): string {
  return [describeOptions(options), describeEncoding(encoding)].filter(Boolean).join("; ");
}

/** The first recipients, each shown by `format`, then how many more there are. */
export function listRecipients(
  recipients: readonly string[],
  format: (recipient: string) => string = (recipient) => recipient,
): string {
  const listed = recipients.slice(0, LISTED_RECIPIENTS).map(format).join(", ");
  const rest = recipients.length - LISTED_RECIPIENTS;
  return rest > 0 ? `${listed} and ${rest} more` : listed;
}

export function describeCode(reportCode: number | null): string {
  return reportCode === null ? "no code" : `code ${reportCode}`;
}

/** A result's code, meaning, message identifier and server, as the plain-text lines show them. */
export function describeResult(result: {
  reportCode: number | null;
  meaning: string;
  messageId: string | null;
  server: string | null;
}): string {
  const id = result.messageId === null ? "no message id" : `id ${result.messageId}`;
  const server = result.server === null ? "" : ` (${result.server})`;
  return `${describeCode(result.reportCode)}  ${result.meaning}  ${id}${server}`;
}

/** The first line of the parent message: who paged whom. */
export function renderAnnouncementHeadline(announcement: PageAnnouncement): string {
  const { actor, recipients, escalation } = announcement;
  const who = recipients.length === 1 ? "" : `${recipients.length} recipients: `;
  const headline = `${actor.name} paged ${who}${listRecipients(recipients)}`;
  return escalation === undefined ? headline : `${escalationLine(escalation)}: ${headline}`;
}

/** "ESCALATION step 1 of #42, nobody acknowledged (fired 3 min late)". */
function escalationLine({ of, step, lateByMs }: EscalationMark): string {
  const late = lateByMs >= LATE_MS ? ` (fired ${Math.round(lateByMs / 60_000)} min late)` : "";
  return `ESCALATION step ${step} of #${of}, nobody acknowledged${late}`;
}

export function renderAnnouncement(announcement: PageAnnouncement): string {
  const { message, options, encoding } = announcement;
  return `${renderAnnouncementHeadline(announcement)}\n"${message}"\n(${describeDelivery(options, encoding)})`;
}

export function renderResultLine(result: PageResult): string {
  const who =
    result.person === undefined ? result.recipient : `${result.person} ${result.recipient}`;
  return `${outcomeLabel(result.outcome).padEnd(9)} ${who}  ${describeResult(result)}`;
}

/** Why no csoft server could be reached: "primary: connection refused; secondary: …". */
function unreachedReasons(report: PageReport): string {
  return report.unreached.reasons.join("; ");
}

export function renderSummary(report: PageReport): string {
  const total = report.results.length;
  const unreached = report.unreached.results;
  if (total > 0 && unreached === total) {
    return `Nothing was sent: no csoft server could be reached (${unreachedReasons(report)}). Safe to page again.`;
  }
  const counts = OUTCOME_ORDER.filter((outcome) => report.counts[outcome] > 0)
    .map((outcome) => `${report.counts[outcome]} ${outcome}`)
    .join(", ");
  const servers = report.servers.length > 0 ? report.servers.join(" and ") : "no server answered";
  const requests = report.requests === 1 ? "1 request" : `${report.requests} requests`;
  const seconds = (report.durationMs / 1000).toFixed(2);
  const sent = unreached > 0 ? `${total - unreached} of ${total} sent` : `${total} sent`;
  const lines = [`${sent}: ${counts} · ${servers} · ${requests} · ${seconds} s`];
  if (unreached > 0) {
    lines.push(
      `${unreached} not sent: no csoft server could be reached (${unreachedReasons(report)}). Safe to page them again.`,
    );
  }
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

/** The whole thread reply as plain lines: notices, one per number (failures first), the summary. */
export function renderReport(report: PageReport): string {
  const lines = [...(report.notices ?? []), ...report.results.map(renderResultLine)];
  return [...lines, renderSummary(report)].join("\n");
}

/** Hides the last two digits: enough to recognise a number, not to copy it out of a channel. */
function maskNumber(number: string): string {
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
    const { text, encoding, options, escalation } = preview.message;
    lines.push(`Message: "${text}" (${describeDelivery(options, encoding)})`);
    if (escalation !== undefined) {
      const steps = escalation.map(
        ({ afterMs, to }) => `after ${formatDuration(afterMs)} to ${to.join(", ")}`,
      );
      lines.push(`If nobody acknowledges: ${steps.join("; ")}`);
    }
  }
  return lines.join("\n");
}
