import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSmsText, UsageError } from "../../src/command/index.js";
import { createPager } from "../../src/page/pager.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { manualClock } from "../support/manual-timer.js";
import { recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

const NOW = new Date("2026-11-25T03:00:00Z");
let csoft: LocalCsoft;

beforeAll(async () => {
  csoft = await startLocalCsoft();
});

afterAll(() => csoft.close());

/** Text that looks like commands: recipients-ish words, options, dashes and free text. */
const commandLike = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "447700900101",
        "12",
        "alice",
        "book:X",
        "--flash",
        "--delay",
        "--at",
        "--",
        "help",
        "who",
      ),
      fc.string({ maxLength: 12 }),
    ),
    { maxLength: 6 },
  )
  .map((words) => words.join(" "));

/** Well-formed sends with random message text and options, so sends are common, not luck. */
const sendLike = fc
  .tuple(
    fc.uniqueArray(fc.integer({ min: 100, max: 199 }), { minLength: 1, maxLength: 3 }),
    fc.string({ minLength: 1, maxLength: 20 }),
    fc.constantFrom("", " --flash", " --dry-run", " --delay 30m"),
  )
  .map(
    ([ends, message, option]) =>
      `${ends.map((end) => `447700900${end}`).join(",")} x${message}${option}`,
  );

describe("the pager on any input", () => {
  it("never throws, and sends only what the grammar accepted as a send", async () => {
    const pager = createPager({
      store: memoryStore(),
      transport: csoft.client,
      clock: manualClock(NOW.getTime()),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(commandLike, sendLike, fc.string({ maxLength: 40 })),
        async (text) => {
          const before = csoft.simulator.requests.length;
          const surface = recordingSurface();
          await runText(pager, text, { actor: { platform: "shell", id: "u", name: "u" }, surface });
          const sent = csoft.simulator.requests.length - before;
          let parsed: string;
          try {
            const command = parseSmsText(text, NOW);
            parsed = command.kind;
            if (command.kind === "send" && command.dryRun) parsed = "dry-run";
            // Names need a directory, and there is none here; the surface confirms every question.
            else if (command.kind === "send" && command.recipients.some((r) => r.kind === "name"))
              parsed = "send-unresolved";
          } catch (error) {
            expect(error).toBeInstanceOf(UsageError);
            parsed = "refused";
          }
          expect(sent).toBe(parsed === "send" ? 1 : 0);
          if (parsed === "refused") expect(surface.privateReplies).toHaveLength(1);
          if (sent > 0) expect(surface.reports).toHaveLength(1);
        },
      ),
      { numRuns: 200, examples: [["447700900101 db1 is down"]] },
    );
    // The generator reaches real sends too, so the property speaks of both sides.
    expect(csoft.simulator.requests.length).toBeGreaterThan(0);
  });
});
