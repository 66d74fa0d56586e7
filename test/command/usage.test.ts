import { describe, expect, it } from "vitest";
import { EXAMPLE, HELP_TEXT, UsageError } from "../../src/command/index.js";
import { parseSmsText } from "../../src/command/parse.js";

const NOW = new Date("2025-06-01T12:00:00Z");

describe("UsageError", () => {
  it("is an Error with a stable code and its own name", () => {
    const error = new UsageError("bad", { cause: "why" });
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe("USAGE");
    expect(error.name).toBe("UsageError");
    expect(error.cause).toBe("why");
  });
});

describe("HELP_TEXT", () => {
  it("stays short enough to read in a chat", () => {
    expect(HELP_TEXT.split("\n").length).toBeLessThanOrEqual(25);
  });

  it("covers the grammar, every option and every recipient form", () => {
    for (const part of [
      "/sms <recipients> <message…>",
      "--flash",
      "--delay",
      "--at",
      "--service default|premier|economy",
      "--reply-to",
      "--  ",
      "+44-7700-900123",
      "0044",
      "book:Oncall::Nights",
      "db-oncall",
      "/sms help",
      "/sms credit",
      EXAMPLE,
    ]) {
      expect(HELP_TEXT).toContain(part);
    }
  });

  it("has examples that are themselves valid commands", () => {
    const examples = HELP_TEXT.split("\n")
      .map((line) => line.trim())
      .filter(
        (line) =>
          line.startsWith("/sms ") &&
          !line.startsWith("/sms <") &&
          !line.startsWith("/sms who ") &&
          !line.startsWith("/sms history ") &&
          !line.startsWith("/sms credit:") &&
          !line.startsWith("/sms resend "),
      );
    expect(examples.length).toBeGreaterThanOrEqual(3);
    for (const example of examples) {
      expect(parseSmsText(example, NOW).kind).toBe("send");
    }
  });

  it("shows `who` with recipients that parse", () => {
    const line = HELP_TEXT.split("\n").find((l) => l.startsWith("/sms who "));
    const command = line?.split(":")[0] ?? "";
    expect(parseSmsText(command, NOW)).toEqual({
      kind: "who",
      recipients: [
        { kind: "name", name: "db-oncall" },
        { kind: "name", name: "alice" },
      ],
    });
  });
});
