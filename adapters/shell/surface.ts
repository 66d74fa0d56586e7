import type { Writable } from "node:stream";
import type { PageReport, Surface, Thread } from "../../src/page/types.js";
import { renderAnnouncement, renderReport } from "../../src/report/text.js";

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}

/** A terminal "chat": the parent message is printed, and the thread below it is indented. */
export function createShellSurface(output: Writable): Surface {
  const write = (text: string) => {
    output.write(`${text}\n`);
  };
  return {
    async replyPrivately(text) {
      write(text);
    },
    async announce(announcement) {
      write(renderAnnouncement(announcement));
      const thread: Thread = {
        async report(report: PageReport) {
          write(indent(renderReport(report), "  │ "));
        },
      };
      return thread;
    },
  };
}
