// Properties of the words this grammar gained for the audit trail and confirmation, and of the
// pager as a whole: no text crashes it, and only a valid, allowed page ever reaches csoft.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_HISTORY, normaliseNumber, parseSmsText, UsageError } from "../../src/command/index.js";
import type { SendRequest, SendResult, SmsTransport } from "../../src/csoft/types.js";
import { createPager } from "../../src/page/pager.js";
import { manualClock } from "../support/manual-timer.js";
import { recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

const NOW = new Date("2025-06-01T12:00:00Z");

const word = fc.constantFrom(
  "history",
  "HISTORY",
  "status",
  "resend",
  "#1",
  "--yes",
  "--yes=1",
  "—yes",
  "--dry-run",
  "who",
  "help",
  "0",
  "1",
  "50",
  "51",
  "-1",
  "30106CCE",
  "447700900123",
  "+44-7700-900123",
  "book:Oncall",
  "--",
  " ",
);
const text = fc
  .array(fc.oneof(word, fc.string({ unit: "binary", maxLength: 12 })), { maxLength: 8 })
  .map((parts) => parts.join(" "));

function parsed(input: string) {
  try {
    return parseSmsText(input, NOW);
  } catch (error) {
    if (error instanceof UsageError) return "usage" as const;
    throw error;
  }
}

describe("history, status and --yes", () => {
  it("any text with the new words is a command or a UsageError", () => {
    fc.assert(fc.property(text, (input) => void parsed(input)));
  });

  it("history takes a count from 1 to the maximum, and nothing else", () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: MAX_HISTORY + 1_000 }), (count) => {
        const command = parsed(`history ${count}`);
        if (count >= 1 && count <= MAX_HISTORY) {
          expect(command).toEqual({ kind: "history", limit: count });
        } else {
          expect(command).toBe("usage");
        }
      }),
    );
  });

  it("status keeps one word as typed, and reads it as a number when it is one", () => {
    const token = fc.oneof(
      fc.string({ minLength: 1, maxLength: 20 }).filter((t) => !/\s/.test(t)),
      fc.constantFrom("+447700900123", "0044 7700", "30106CCE"),
    );
    fc.assert(
      fc.property(token, (query) => {
        const command = parsed(`status ${query}`);
        if (/\s/.test(query)) return;
        expect(command).toEqual({ kind: "status", query, number: normaliseNumber(query) });
      }),
    );
  });

  it("resend takes one page number, plain or as history shows it", () => {
    expect(parsed("resend 42")).toEqual({ kind: "resend", pageId: 42 });
    expect(parsed("RESEND #7")).toEqual({ kind: "resend", pageId: 7 });
    for (const wrong of ["resend", "resend 0", "resend 4 2", "resend x", "resend -1"]) {
      expect(parsed(wrong)).toBe("usage");
    }
  });

  it("--yes anywhere after the recipients confirms, and never becomes message text", () => {
    const messageWord = fc
      .string({ minLength: 1, maxLength: 6 })
      .filter((w) => !/\s/.test(w) && !/^[-\u2013\u2014]/.test(w));
    fc.assert(
      fc.property(fc.array(messageWord, { minLength: 1, maxLength: 6 }), fc.nat(), (words, at) => {
        const tokens = [...words];
        tokens.splice(at % (tokens.length + 1), 0, "--yes");
        const command = parsed(`447700900123 ${tokens.join(" ")}`);
        expect(command).toMatchObject({ kind: "send", confirmed: true, message: words.join(" ") });
      }),
    );
  });
});

/** A transport that answers every number "accepted" and remembers what it was asked. */
function countingTransport(): SmsTransport & { requests: SendRequest[] } {
  const requests: SendRequest[] = [];
  return {
    requests,
    async send(request): Promise<SendResult> {
      requests.push(request);
      return { results: [], batches: [], durationMs: 0 };
    },
    async close() {},
  };
}

describe("the pager on any text", () => {
  it("never throws, and sends only a valid page small enough or confirmed with --yes", async () => {
    const recipients = fc
      .array(fc.constantFrom("447700900123", "447700900124", "book:Oncall", "bob", "07700"), {
        maxLength: 14,
      })
      .map((list) => list.join(","));
    const input = fc.oneof(
      text,
      fc.tuple(recipients, text).map(([to, rest]) => `${to} ${rest}`),
    );
    await fc.assert(
      fc.asyncProperty(input, async (typed) => {
        const transport = countingTransport();
        const pager = createPager({
          store: memoryStore(),
          transport,
          clock: manualClock(NOW.getTime()),
        });
        const { confirm: _none, ...surface } = recordingSurface();
        await runText(pager, typed, {
          actor: { platform: "shell", id: "op", name: "op" },
          surface,
        });
        const command = parsed(typed);
        if (command === "usage" || command.kind !== "send" || command.dryRun) {
          expect(transport.requests).toEqual([]);
          return;
        }
        const numbers = command.recipients.filter((r) => r.kind === "number").length;
        const books = command.recipients.filter((r) => r.kind === "addressBook").length;
        const names = command.recipients.length - numbers - books;
        const large = numbers > 10 || books > 0;
        // Names need a contacts directory (none here); a large page needs --yes without buttons.
        const sends = names === 0 && (command.confirmed || !large);
        expect(transport.requests).toHaveLength(sends ? (numbers > 0 ? 1 : 0) + books : 0);
      }),
      { numRuns: 150 },
    );
  });
});
