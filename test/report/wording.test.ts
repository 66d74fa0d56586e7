import { describe, expect, it } from "vitest";
import { reportMessages } from "../../adapters/slack/report-messages.js";
import { OPEN_POLICY, refusalFor } from "../../src/access/policy.js";
import type { PageAnnouncement } from "../../src/page/types.js";
import { renderConfirmQuestion } from "../../src/report/confirm.js";
import { blockTexts } from "../slack/blocks.js";
import { usePagerFixture } from "../support/csoft.js";
import { fakeReport, fakeResult } from "../support/reports.js";
import { runText } from "../support/run-text.js";

const announcement = (recipients: string[]): PageAnnouncement => ({
  actor: { platform: "slack", id: "U1", name: "<@U1>" },
  recipients,
  message: "db1 is down",
  options: { flash: false },
  encoding: { encoding: "gsm7", length: 11, parts: 1 },
});

function slackHeadline(outcomes: ("accepted" | "warning")[]): string {
  const results = outcomes.map((outcome, i) => fakeResult(`44770090010${i}`, outcome));
  const [first] = reportMessages(fakeReport(announcement(["447700900100"]), results), new Map());
  return blockTexts(first?.blocks ?? [])[0] ?? "";
}

describe("Slack's headline", () => {
  it("says a single number was accepted without 'All 1'", () => {
    expect(slackHeadline(["accepted"])).toBe(":white_check_mark: Accepted");
    expect(slackHeadline(["accepted", "accepted"])).toBe(":white_check_mark: All 2 accepted");
  });

  it("says a single warning without counting to one", () => {
    expect(slackHeadline(["warning"])).toBe(":warning: Sent with a warning");
    expect(slackHeadline(["warning", "accepted"])).toBe(":warning: 2 sent, 1 with a warning");
  });
});

describe("the confirmation question", () => {
  it("names an address book once", () => {
    const text = renderConfirmQuestion(announcement(["book:Oncall"]), 0, ["book:Oncall"], 5);
    expect(text.split("\n")[0]).toBe("Confirm: this pages every member of book:Oncall.");
  });

  it("lists the numbers and people beside their count, and the address books after", () => {
    const text = renderConfirmQuestion(
      announcement(["447700900101", "db-oncall (alice, bob)", "book:Oncall::Nights"]),
      3,
      ["book:Oncall::Nights"],
      5,
    );
    expect(text.split("\n")[0]).toBe(
      "Confirm: this pages 3 numbers (447700900101, db-oncall (alice, bob)) and every member of book:Oncall::Nights.",
    );
  });
});

describe("refusing a command that sends nothing", () => {
  const slack = { users: ["UBOSS"], groups: [], channels: [], groupsName: "user groups" };
  const policy = { ...OPEN_POLICY, allowLists: { slack } };
  const t = usePagerFixture({ policy });

  it.each([
    ["history", "read the page history"],
    ["status 30106CCE", "look up what became of a page"],
    ["who 447700900101", "look up who a page would reach"],
  ])("refuses %j without talking about sending", async (text, what) => {
    const actor = { platform: "slack" as const, id: "U1", name: "<@U1>" };
    await runText(t.pager, text, { actor, surface: t.surface });
    const [reply] = t.surface.privateReplies;
    expect(reply).toContain(`You are not allowed to ${what} from here`);
    expect(reply).not.toMatch(/sent/i);
    expect(t.simulator.requests).toEqual([]);
  });

  it("still says nothing was sent when refusing a page", () => {
    const actor = { platform: "slack" as const, id: "U1", name: "<@U1>" };
    expect(refusalFor(policy, { actor }, "send")).toMatch(
      /^You are not allowed to page from here: .* Nothing was sent\.$/,
    );
  });
});
