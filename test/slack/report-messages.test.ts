import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { announcementMessage } from "../../adapters/slack/announcement.js";
import { packLines, SLACK_LIMITS } from "../../adapters/slack/limits.js";
import { reportMessages } from "../../adapters/slack/report-messages.js";
import type { NumberResult, Outcome } from "../../src/csoft/types.js";
import type { PageAnnouncement } from "../../src/page/types.js";
import { OUTCOME_ORDER } from "../../src/report/text.js";
import { fakeReport, fakeResult } from "../support/reports.js";
import { blockTexts } from "./blocks.js";

const announcement: PageAnnouncement = {
  actor: { platform: "slack", id: "U1", name: "<@U1>" },
  recipients: ["447700900123"],
  message: "db1 is down",
  options: { flash: false },
  encoding: { encoding: "gsm7", length: 11, parts: 1 },
};

const result = fakeResult;
const report = (results: NumberResult[]) => fakeReport(announcement, results);

const outcomes = fc.constantFrom<Outcome>(...OUTCOME_ORDER);

describe("packLines", () => {
  it("keeps every line, in order, within both limits", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ maxLength: 120 }).map((s) => s.replaceAll("\n", " ")),
          { maxLength: 200 },
        ),
        fc.integer({ min: 20, max: 400 }),
        fc.integer({ min: 1, max: 30 }),
        (lines, maxChars, maxLines) => {
          const texts = packLines(lines, maxChars, maxLines);
          for (const text of texts) {
            expect(text.length).toBeLessThanOrEqual(maxChars);
            expect(text.split("\n").length).toBeLessThanOrEqual(maxLines);
          }
          const shortLines = lines.every((line) => line.length <= maxChars);
          if (shortLines) expect(texts.join("\n")).toBe(lines.join("\n"));
        },
      ),
    );
  });

  it("cuts a line too long for any text, without leaving half an entity", () => {
    expect(packLines([`${"a".repeat(8)}&amp;`], 10, 5)).toEqual(["aaaaaaaa…"]);
  });
});

describe("reportMessages", () => {
  it("stays within Slack's limits and lists every number once, failures first", () => {
    fc.assert(
      fc.property(fc.array(outcomes, { minLength: 1, maxLength: 900 }), (kinds) => {
        const results = kinds
          .map((outcome, i) => result(`4477009${String(i).padStart(5, "0")}`, outcome))
          .sort((a, b) => OUTCOME_ORDER.indexOf(a.outcome) - OUTCOME_ORDER.indexOf(b.outcome));
        const messages = reportMessages(report(results), new Map());
        const shown: string[] = [];
        for (const message of messages) {
          expect(message.text.length).toBeGreaterThan(0);
          expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
          for (const text of blockTexts(message.blocks)) {
            expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
            shown.push(...(text.match(/4477009\d{5}/g) ?? []));
          }
        }
        expect(shown).toEqual(results.map((r) => r.recipient));
      }),
      { numRuns: 25 },
    );
  });

  it("opens with a headline naming the failures, and marks each failed line", () => {
    const [first] = reportMessages(
      report([
        result("447700900115", "failed", "out of credit"),
        result("447700900123", "accepted"),
      ]),
      new Map([["447700900123", ["U2"]]]),
    );
    const texts = blockTexts(first?.blocks ?? []);
    expect(texts[0]).toBe(":rotating_light: 1 FAILED of 2");
    expect(texts.join("\n")).toContain(
      ":x: *FAILED* `447700900115` · code 15 · out of credit · id `30106CCE` · primary",
    );
    expect(texts.join("\n")).toContain(":white_check_mark: <@U2> `447700900123` · code -2");
    expect(first?.text).toMatch(/^2 sent: 1 failed, 1 accepted · primary · 1 request · 0\.04 s$/);
  });

  it("escapes csoft's text so it cannot mention or link anyone", () => {
    const [first] = reportMessages(
      report([result("447700900115", "failed", "<!channel> & co")]),
      new Map(),
    );
    expect(blockTexts(first?.blocks ?? []).join("\n")).toContain("&lt;!channel&gt; &amp; co");
  });
});

describe("announcementMessage", () => {
  it("names who paged whom, shows the SMS as plain text, and the options", () => {
    const message = announcementMessage(
      { ...announcement, message: "a <b> & c", options: { flash: true, delayMinutes: 30 } },
      new Map([["447700900123", ["U2"]]]),
    );
    const texts = blockTexts(message.blocks);
    expect(texts[0]).toBe(":mega: <@U1> paged <@U2> `447700900123`");
    expect(message.blocks[1]).toMatchObject({ text: { type: "plain_text", text: "a <b> & c" } });
    expect(texts[2]).toMatch(/^flash, delayed 30 min · GSM 7-bit/);
    expect(message.text).toBe("<@U1> paged <@U2> `447700900123`: a &lt;b&gt; &amp; c");
  });

  it("lists ten recipients and counts the rest", () => {
    const recipients = Array.from(
      { length: 25 },
      (_, i) => `4477009000${String(i).padStart(2, "0")}`,
    );
    const message = announcementMessage({ ...announcement, recipients }, new Map());
    expect(blockTexts(message.blocks)[0]).toMatch(/paged \*25 recipients\*: .* and 15 more$/);
  });
});
