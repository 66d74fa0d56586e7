import { describe, expect, it } from "vitest";
import {
  type CommandInput,
  describeInput,
  parseCommand,
  toCommand,
} from "../../src/command/index.js";
import { usageMessage } from "./usage-error.js";

const NOW = new Date("2026-11-25T03:00:00Z");

describe("parseCommand: text as the core's input", () => {
  it("reads a page's recipients word, message and options, unvalidated", () => {
    expect(parseCommand("alice,<@U1> db1 is down --flash --delay 2h")).toEqual({
      kind: "page",
      recipients: "alice,<@U1>",
      message: "db1 is down",
      options: { flash: true, delay: "2h" },
    });
  });

  it("makes text that is no command an input the core answers", () => {
    const input = parseCommand("447700900123 hi --bogus");
    expect(input).toMatchObject({ kind: "invalid", typed: "447700900123 hi --bogus" });
    expect(usageMessage(() => toCommand(input, NOW))).toContain("`--bogus` is not an option");
  });
});

describe("toCommand: one validation, whichever chat built the input", () => {
  it("validates typed fields exactly as typed text", () => {
    const typed: CommandInput = { kind: "history", limit: 51 };
    expect(usageMessage(() => toCommand(typed, NOW))).toBe(
      usageMessage(() => toCommand(parseCommand("history 51"), NOW)),
    );
    expect(toCommand({ kind: "history" }, NOW)).toEqual({ kind: "history", limit: 10 });
    expect(toCommand({ kind: "status", query: " 447700900123 " }, NOW)).toEqual({
      kind: "status",
      query: "447700900123",
      number: "447700900123",
    });
    expect(usageMessage(() => toCommand({ kind: "status", query: "a b" }, NOW))).toContain(
      "`status` takes one",
    );
  });

  it("puts a resolved mention's recipients in its place, each number once", () => {
    const mentions = new Map([["<@U1>", [{ kind: "number" as const, number: "447700900001" }]]]);
    const input = parseCommand("447700900001,<@U1>,bob hi");
    expect(toCommand(input, NOW, mentions)).toMatchObject({
      recipients: [
        { kind: "number", number: "447700900001" },
        { kind: "name", name: "bob" },
      ],
    });
    expect(usageMessage(() => toCommand(input, NOW))).toContain("`<@U1>` is not a recipient");
  });
});

describe("describeInput: the command as the history keeps it", () => {
  it.each([
    ["447700900123 db1 is down --flash --delay 2h", "447700900123 db1 is down --flash --delay 2h"],
    ["447700900123 --flash db1 is down", "447700900123 db1 is down --flash"],
    ["447700900123 -- --force was needed", "447700900123 -- --force was needed"],
    ["history", "history"],
    ["history 5", "history 5"],
    ["status 30106CCE", "status 30106CCE"],
    ["who db-oncall", "who db-oncall"],
    ["resend #42", "resend 42"],
    ["credit", "credit"],
    ["", "help"],
  ])("%j is kept as %j, which reads back the same", (typed, kept) => {
    const input = parseCommand(typed);
    expect(describeInput(input)).toBe(kept);
    expect(parseCommand(kept)).toEqual(input);
  });

  it("keeps a command built from typed options in the grammar's words", () => {
    const input: CommandInput = {
      kind: "page",
      recipients: "alice",
      message: "db1 is down",
      options: { service: "premier", dryRun: true },
    };
    expect(describeInput(input)).toBe("alice db1 is down --dry-run --service premier");
    expect(parseCommand(describeInput(input))).toEqual(input);
  });
});
