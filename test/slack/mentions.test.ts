import { describe, expect, it } from "vitest";
import { splitRecipients } from "../../adapters/slack/mentions.js";
import { escapeMrkdwn, toPlainText } from "../../adapters/slack/mrkdwn.js";

describe("splitRecipients", () => {
  it("reads mentions with and without their name", () => {
    expect(splitRecipients("<@U1|alice>,<@W2> db down")).toEqual({
      items: [
        { kind: "user", userId: "U1", label: "alice" },
        { kind: "user", userId: "W2" },
      ],
      rest: " db down",
    });
  });

  it("takes space-separated mentions as one list, as Slack's autocomplete types them", () => {
    const split = splitRecipients("<@U1|alice> <!subteam^S9|@oncall> 447700900123 is the number");
    expect(split?.items).toEqual([
      { kind: "user", userId: "U1", label: "alice" },
      { kind: "group", groupId: "S9", label: "oncall" },
    ]);
    expect(split?.rest).toBe(" 447700900123 is the number");
  });

  it("continues a list after a comma, with or without spaces, and keeps typed entries", () => {
    const split = splitRecipients("447700900123, <@U1|alice>,,book:Oncall hello");
    expect(split?.items).toEqual([
      { kind: "typed", text: "447700900123" },
      { kind: "user", userId: "U1", label: "alice" },
      { kind: "typed", text: "book:Oncall" },
    ]);
    expect(split?.rest).toBe(" hello");
  });

  it("does not take a mention in the message for a recipient", () => {
    const split = splitRecipients("447700900123 ask <@U1|alice>");
    expect(split?.items).toEqual([{ kind: "typed", text: "447700900123" }]);
  });

  it("reads phone links and marks channels, @here and links as not people", () => {
    const split = splitRecipients("<tel:+447700900123|+44 7700 900123>,<#C1|general>,<!here> x");
    expect(split?.items).toEqual([
      { kind: "typed", text: "+447700900123" },
      { kind: "unsupported", text: "<#C1|general>", label: "general" },
      { kind: "unsupported", text: "<!here>", label: "!here" },
    ]);
  });

  it("returns null for an empty command", () => {
    expect(splitRecipients("   ")).toBeNull();
  });
});

describe("toPlainText", () => {
  it("turns Slack references and entities into what people read", () => {
    expect(
      toPlainText(
        "ask <@U1|alice> in <#C1|ops> &amp; <!subteam^S9|@oncall>: 1 &lt; 2 <https://x.test|runbook>",
      ),
    ).toBe("ask @alice in #ops & @oncall: 1 < 2 runbook");
  });

  it("is the inverse of escaping for plain text", () => {
    const text = "a < b && c > d <@U1>";
    expect(toPlainText(escapeMrkdwn(text))).toBe(text);
  });
});
