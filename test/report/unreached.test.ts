import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  reportMessages as discordReportMessages,
  parentMessage,
} from "../../adapters/discord/embeds.js";
import { reportMessages as slackReportMessages } from "../../adapters/slack/report-messages.js";
import { CsoftClient } from "../../src/csoft/client.js";
import { CsoftUnreachableError } from "../../src/csoft/errors.js";
import { DEMO_ACCOUNT, type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import type { BatchResult, NumberResult } from "../../src/csoft/types.js";
import { createPager } from "../../src/page/pager.js";
import { buildPageReport } from "../../src/page/report.js";
import type { PageAnnouncement, PageReport } from "../../src/page/types.js";
import { renderReport, renderSummary } from "../../src/report/text.js";
import { blockTexts } from "../slack/blocks.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { fakeResult } from "../support/reports.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

const BOTH_DOWN =
  "Nothing was sent: no csoft server could be reached (primary: connection refused; secondary: connection refused). Safe to page again.";

describe("a page when no csoft server can be reached", () => {
  let primary: Simulator;
  let secondary: Simulator;
  let client: CsoftClient;
  let surface: RecordingSurface;

  beforeEach(async () => {
    primary = await startSimulator(DEMO_ACCOUNT);
    secondary = await startSimulator(DEMO_ACCOUNT);
    await primary.setFault("refuse");
    await secondary.setFault("refuse");
    client = new CsoftClient({
      credentials: DEMO_ACCOUNT,
      primaryUrl: primary.url,
      secondaryUrl: secondary.url,
    });
    surface = recordingSurface();
    const pager = createPager({ store: memoryStore(), transport: client });
    await runText(pager, "447700900101,447700900102,447700900103 db1 is down", {
      actor: { platform: "shell", id: "u1", name: "alice" },
      surface,
    });
  });

  afterEach(async () => {
    await client.close();
    await primary.close();
    await secondary.close();
  });

  function theReport(): PageReport {
    const [report] = surface.reports;
    if (!report) throw new Error("no report");
    return report;
  }

  it("says in the plain-text summary that nothing reached csoft, and why", () => {
    const text = renderReport(theReport());
    expect(renderSummary(theReport())).toBe(BOTH_DOWN);
    expect(text).not.toMatch(/\d sent/);
    expect(text).not.toContain("through the secondary");
  });

  it("says so in Slack's thread, headline included", () => {
    const [first] = slackReportMessages(theReport(), new Map());
    const texts = [first?.text ?? "", ...blockTexts(first?.blocks ?? [])].join("\n");
    expect(texts).toContain("Nothing was sent");
    expect(texts).toMatch(/no csoft server could be reached/);
    expect(texts).not.toMatch(/\d sent|through the secondary/);
  });

  it("says so in Discord's parent message and thread", () => {
    const parent = parentMessage(theReport().announcement, { report: theReport(), where: "<#9>" });
    const result = parent.embeds[0]?.fields?.at(-1)?.value ?? "";
    expect(result).toContain(BOTH_DOWN);
    const summary = discordReportMessages(theReport()).flat().at(-1)?.description ?? "";
    expect(summary).toBe(BOTH_DOWN);
  });
});

const announcement: PageAnnouncement = {
  actor: { platform: "shell", id: "u1", name: "alice" },
  recipients: ["447700900101", "447700900102"],
  message: "db1 is down",
  options: { flash: false },
  encoding: { encoding: "gsm7", length: 11, parts: 1 },
};

const refused = (server: "primary" | "secondary") => ({
  server,
  reason: "connection refused",
  error: new Error("ECONNREFUSED"),
});

function answered(result: NumberResult, server: "primary" | "secondary"): BatchResult {
  return {
    recipients: [result.recipient],
    results: [{ ...result, server }],
    server,
    failedOver: server === "secondary",
    durationMs: 10,
  };
}

function unreachable(recipient: string): BatchResult {
  const error = new CsoftUnreachableError([refused("primary"), refused("secondary")]);
  return {
    recipients: [recipient],
    results: [{ ...fakeResult(recipient, "failed", `not sent: ${error.message}`), server: null }],
    server: null,
    failedOver: true,
    error,
    durationMs: 10,
  };
}

function reportOf(batches: BatchResult[]): PageReport {
  const sent = [{ results: batches.flatMap((b) => b.results), batches, durationMs: 20 }];
  return buildPageReport(announcement, sent, new Map(), 20);
}

describe("a page that reached csoft for some batches only", () => {
  it("counts what was sent apart from what was not, and says the rest is safe to page again", () => {
    const summary = renderSummary(
      reportOf([
        answered(fakeResult("447700900101", "accepted"), "primary"),
        unreachable("447700900102"),
      ]),
    );
    expect(summary.split("\n")).toEqual([
      "1 of 2 sent: 1 failed, 1 accepted · primary · 2 requests · 0.02 s",
      "1 not sent: no csoft server could be reached (primary: connection refused; secondary: connection refused). Safe to page them again.",
    ]);
  });

  it("says the secondary was used only when a batch reached it", () => {
    const summary = renderSummary(
      reportOf([
        answered(fakeResult("447700900101", "accepted"), "secondary"),
        unreachable("447700900102"),
      ]),
    );
    expect(summary).toContain("1 of 2 sent:");
    expect(summary).toContain("sent through the secondary");
  });
});
