import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildSendCommand } from "../../src/command/fields.js";
import { parseSmsText } from "../../src/command/parse.js";
import type { DeliveryOptions } from "../../src/command/types.js";
import { UsageError } from "../../src/command/usage.js";

const NOW = new Date("2025-06-01T12:00:00Z");

/** Either a command or a UsageError: any other throw would reach the user as a crash. */
function outcomeOf(work: () => unknown): "command" | "usage" {
  try {
    work();
    return "command";
  } catch (error) {
    if (error instanceof UsageError) return "usage";
    throw error;
  }
}

const grammarWord = fc.constantFrom(
  "--",
  "--flash",
  "--delay",
  "--at",
  "--service",
  "--reply-to",
  "--delay=",
  "—flash",
  "/sms",
  "help",
  "book:",
  "::",
  ",",
  "+44",
  "0044",
  "447700900123",
  "2h",
  "2025-06-01T13:00Z",
  "premier",
  "\n",
  " ",
);
const anyText = fc.string({ unit: "binary" });
const grammarLikeText = fc
  .array(fc.oneof(grammarWord, anyText), { maxLength: 12 })
  .map((parts) => parts.join(" "));
/** `now` comes from a real clock. */
const anyNow = fc.date({
  min: new Date("2000-01-01T00:00:00Z"),
  max: new Date("2200-01-01T00:00:00Z"),
  noInvalidDate: true,
});

/** A valid international number, as digits. */
const digits = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 14 }),
  )
  .map(([first, rest]) => `${first}${rest.join("")}`);

/** The same number as people type it. */
const typedNumber = fc
  .tuple(digits, fc.constantFrom("plain", "plus", "zeros", "dashes", "dots"))
  .map(([number, style]) => {
    switch (style) {
      case "plus":
        return `+${number}`;
      case "zeros":
        return `00${number}`;
      case "dashes":
        return `+${number.slice(0, 2)}-${number.slice(2, 6)}-${number.slice(6)}`;
      case "dots":
        return `(${number.slice(0, 2)})${number.slice(2, 5)}.${number.slice(5)}`;
      default:
        return number;
    }
  });

/** A message word that is never read as an option. */
const messageWord = fc
  .string({ unit: "grapheme", minLength: 1, maxLength: 8 })
  .filter((word) => !/\s/.test(word) && !/^[-\u2013\u2014]/.test(word));

interface GeneratedOptions {
  tokens: string[];
  expected: DeliveryOptions;
}

const generatedOptions: fc.Arbitrary<GeneratedOptions> = fc
  .record({
    flash: fc.boolean(),
    timing: fc.oneof(
      fc.constant(undefined),
      fc.record({ delay: fc.integer({ min: 1, max: 10_080 }) }),
      fc.record({ atMinutes: fc.integer({ min: 1, max: 60 * 24 * 365 }) }),
    ),
    service: fc.option(fc.constantFrom("default", "Premier", "ECONOMY"), { nil: undefined }),
    replyTo: fc.option(digits, { nil: undefined }),
  })
  .map(({ flash, timing, service, replyTo }) => {
    const tokens: string[] = [];
    const expected: DeliveryOptions = { flash };
    if (flash) tokens.push("--flash");
    if (timing && "delay" in timing) {
      tokens.push(`--delay ${timing.delay}`);
      expected.delayMinutes = timing.delay;
    }
    if (timing && "atMinutes" in timing) {
      const sendAt = new Date(NOW.getTime() + timing.atMinutes * 60_000);
      tokens.push(`--at ${sendAt.toISOString().slice(0, 16)}Z`);
      expected.sendAt = sendAt;
    }
    if (service !== undefined) {
      tokens.push(`--service ${service}`);
      expected.service = service.toLowerCase() as "default" | "premier" | "economy";
    }
    if (replyTo !== undefined) {
      tokens.push(`--reply-to +${replyTo}`);
      expected.replyTo = replyTo;
    }
    return { tokens, expected };
  });

describe("properties", () => {
  it("any text is a command or a UsageError, never another failure", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, grammarLikeText), anyNow, (text, now) => {
        expect(["command", "usage"]).toContain(outcomeOf(() => parseSmsText(text, now)));
      }),
    );
  });

  it("any typed fields are a command or a UsageError", () => {
    const field = fc.option(fc.oneof(anyText, grammarWord), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({ to: fc.oneof(anyText, grammarLikeText), message: anyText }),
        fc.record({ delay: field, at: field, service: field, replyTo: field }),
        fc.option(fc.boolean(), { nil: undefined }),
        anyNow,
        (required, optional, flash, now) => {
          const fields = { ...required, flash, ...optional };
          for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
            if (fields[key] === undefined) delete fields[key];
          }
          expect(["command", "usage"]).toContain(
            outcomeOf(() => buildSendCommand(fields as typeof required, now)),
          );
        },
      ),
    );
  });

  it("a valid command round-trips: numbers, message and options, wherever options stand", () => {
    fc.assert(
      fc.property(
        fc.array(typedNumber, { minLength: 1, maxLength: 6 }),
        fc.array(messageWord, { minLength: 1, maxLength: 10 }),
        generatedOptions,
        fc.array(fc.nat()),
        (numbers, words, options, positions) => {
          const tokens = [...words];
          options.tokens.forEach((option, i) => {
            tokens.splice((positions[i] ?? 0) % (tokens.length + 1), 0, option);
          });
          const command = parseSmsText(`${numbers.join(",")} ${tokens.join(" ")}`, NOW);
          const expectedNumbers = [
            ...new Set(numbers.map((typed) => typed.replace(/\D/g, "").replace(/^00/, ""))),
          ];
          expect(command).toMatchObject({
            kind: "send",
            recipients: expectedNumbers.map((number) => ({ kind: "number", number })),
            message: words.join(" "),
            options: options.expected,
          });
        },
      ),
    );
  });

  it("text after -- is only ever message, never recipients or options", () => {
    fc.assert(
      fc.property(
        digits,
        generatedOptions,
        fc.oneof(anyText, grammarLikeText).filter((text) => text.trim() !== ""),
        (number, options, tail) => {
          const command = parseSmsText(`${number} ${options.tokens.join(" ")} -- ${tail}`, NOW);
          expect(command).toMatchObject({
            kind: "send",
            recipients: [{ kind: "number", number }],
            message: tail.trim(),
            options: options.expected,
          });
        },
      ),
    );
  });
});
