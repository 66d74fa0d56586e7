import { describe, expect, it } from "vitest";
import { embedLength, parentMessage, reportMessages } from "../../adapters/discord/embeds.js";
import { DISCORD_LIMITS, splitText } from "../../adapters/discord/limits.js";
import type { NumberResult } from "../../src/csoft/types.js";
import type { PageAnnouncement } from "../../src/page/types.js";
import { fakeReport, fakeResult } from "../support/reports.js";

const announcement: PageAnnouncement = {
  actor: { platform: "discord", id: "1", name: "<@1>" },
  recipients: ["447700900123", "book:Oncall::Nights"],
  message: "db1 *is* down",
  options: { flash: true, delayMinutes: 30 },
  encoding: { encoding: "gsm7", length: 13, parts: 1 },
};

const LONG_MEANING = "csoft says: the account has no credit left, top it up. ".repeat(60);

const result = fakeResult;
const report = (results: NumberResult[]) =>
  fakeReport(announcement, results, { requests: 2, durationMs: 420 });

function assertWithinLimits(messages: ReturnType<typeof reportMessages>): void {
  for (const embeds of messages) {
    expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
    expect(embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(
      DISCORD_LIMITS.charactersPerMessage,
    );
    for (const embed of embeds) {
      expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.fieldsPerEmbed);
      expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.title);
      expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.description);
      for (const field of embed.fields ?? []) {
        expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
        expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
      }
    }
  }
}

describe("reportMessages", () => {
  it("keeps 700 results with very long meanings within every limit, in the report's order", () => {
    const results = Array.from({ length: 700 }, (_, i) =>
      result(`4477009${String(i).padStart(5, "0")}`, i < 20 ? "failed" : "accepted", LONG_MEANING),
    );
    const messages = reportMessages(report(results));
    assertWithinLimits(messages);
    const names = messages
      .flat()
      .flatMap((embed) => embed.fields ?? [])
      .map((f) => f.name);
    expect(names).toEqual(
      results.map((r) => `${r.outcome === "failed" ? "🔴" : "🟢"} ${r.recipient}`),
    );
    expect(messages.at(-1)?.at(-1)?.title).toBe("Summary");
  });

  it("starts an embed per outcome; one that continues says which of them it holds", () => {
    const results = [
      result("447700900115", "failed"),
      result("447700900116", "unknown", "No answer: not resent"),
      ...Array.from({ length: 30 }, (_, i) =>
        result(`4477009002${String(i).padStart(2, "0")}`, "accepted"),
      ),
    ];
    const titles = reportMessages(report(results))
      .flat()
      .map((embed) => embed.title);
    expect(titles).toEqual([
      "FAILED · 1",
      "UNKNOWN · 1",
      "accepted · 1–25 of 30",
      "accepted · 26–30 of 30",
      "Summary",
    ]);
    const fields = reportMessages(report(results))
      .flat()
      .map((embed) => embed.fields?.length ?? 0);
    expect(fields).toEqual([1, 1, 25, 5, 0]);
  });

  it("says when there is no code or message id", () => {
    const [embeds] = reportMessages(report([result("447700900116", "unknown", "No answer")]));
    expect(embeds?.[0]?.fields?.[0]?.value).toBe("no code · No answer\nno message id");
  });
});

describe("parentMessage", () => {
  it("shows who paged whom, the message as typed, and the options", () => {
    const { content, embeds } = parentMessage(announcement);
    expect(content).toBe("<@1> paged 2 recipients: 447700900123, book:Oncall::Nights");
    expect(embeds[0]?.description).toBe("db1 \\*is\\* down");
    expect(embeds[0]?.fields).toEqual([
      { name: "Options", value: "flash, delayed 30 min" },
      { name: "Encoding", value: "GSM 7-bit, 13 characters, 1 SMS part" },
    ]);
  });

  it("adds the result and where the per-number results are once the page is done", () => {
    const done = report([result("447700900115", "failed"), result("447700900123", "accepted")]);
    const fields = parentMessage(announcement, { report: done, where: "<#9>" }).embeds[0]?.fields;
    expect(fields?.at(-1)).toEqual({
      name: "Result",
      value:
        "2 sent: 1 failed, 1 accepted · primary · 2 requests · 0.42 s\nPer-number results: <#9>",
    });
  });
});

describe("splitText", () => {
  it("cuts long text at line breaks into pieces Discord accepts, losing nothing", () => {
    const text = Array.from({ length: 300 }, (_, i) => `line ${i} ${"y".repeat(i % 40)}`).join(
      "\n",
    );
    const pieces = splitText(text, DISCORD_LIMITS.content);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    expect(pieces.join("\n")).toBe(text);
  });

  it("cuts a single overlong line hard", () => {
    expect(splitText("z".repeat(4500), 2000).map((p) => p.length)).toEqual([2000, 2000, 500]);
  });
});
