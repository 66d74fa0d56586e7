import type { Writable } from "node:stream";
import type { PageReport, Surface, Thread } from "../../src/kit.js";
import { renderAnnouncement, renderReport } from "../../src/kit.js";

/** Asks one question on the terminal and resolves with the line typed; aborts with the signal. */
export type Ask = (question: string, signal: AbortSignal) => Promise<string>;

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

const YES = /^\s*y(es)?\s*$/i;

/**
 * A terminal "chat": the parent message is printed, and the thread below it is indented.
 * With `ask` (a person at the terminal) a large page is confirmed with y/N; without it
 * (piped input) it cannot be, and needs `--yes`.
 */
export function createShellSurface(output: Writable, ask?: Ask): Surface {
  const write = (text: string) => {
    output.write(`${text}\n`);
  };
  const surface: Surface = {
    async replyPrivately(text) {
      write(text);
    },
    async announce(announcement) {
      write(renderAnnouncement(announcement));
      const thread: Thread = {
        async report(report: PageReport) {
          write(indent(renderReport(report), "  │ "));
        },
        async note(text: string) {
          write(indent(text, "  │ "));
        },
      };
      return thread;
    },
    // No buttons here: the command that resends, to copy.
    async offerResend(offer) {
      write(`${offer.text}\nTo resend, type: ${offer.command}`);
    },
  };
  if (ask === undefined) return surface;
  return {
    ...surface,
    async confirm(question, expired) {
      write(question.text);
      try {
        return YES.test(await ask("Send it? [y/N] ", expired)) ? "confirmed" : "cancelled";
      } catch (error) {
        if (expired.aborted) return "expired";
        throw error;
      }
    },
  };
}
