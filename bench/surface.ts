// A chat for the pager: posting the parent message takes `announceMs` (a chat API round trip),
// and the report is rendered as the terminal renders it. It records when each step happened.
import type { CommandContext, Surface } from "../src/page/types.js";
import { renderReport } from "../src/report/text.js";

export class BenchChat {
  /** When the last parent message was posted: the end of the command path. */
  announcedAt = Number.NaN;
  /** When the last report had been rendered. */
  reportedAt = Number.NaN;
  /** Called while the last report is still held, so its memory can be sampled. */
  onReport: (() => void) | undefined;
  /** The context of a command typed into this chat. */
  readonly ctx: CommandContext;

  constructor(announceMs: number) {
    const surface: Surface = {
      replyPrivately: async (text) => {
        throw new Error(`the bench command was refused: ${text}`);
      },
      announce: async () => {
        if (announceMs > 0) await new Promise((resolve) => setTimeout(resolve, announceMs));
        this.announcedAt = performance.now();
        return {
          report: async (report) => {
            renderReport(report);
            this.onReport?.();
            this.reportedAt = performance.now();
          },
        };
      },
    };
    this.ctx = { actor: { platform: "shell", id: "bench", name: "bench" }, surface };
  }
}
