import { describe, expect, it } from "vitest";
import { attributeAddressBook, attributeReports } from "../../src/csoft/attribute.js";
import type { CsoftReport } from "../../src/csoft/types.js";

const queued: CsoftReport = { scheme: "report", code: -2, text: "queued", messageId: "30106CCE" };
const noCredit: CsoftReport = {
  scheme: "report",
  code: 15,
  text: "Out of credit",
  messageId: "30106CCF",
};
const badLogin: CsoftReport = { scheme: "report", code: 2, text: "Invalid Login", messageId: null };

describe("attributeReports", () => {
  it("matches one report per number by position", () => {
    const attribution = attributeReports(
      ["447700900001", "447700900015"],
      [queued, noCredit],
      "primary",
    );
    expect(attribution.kind).toBe("perRecipient");
    expect(attribution.results).toEqual([
      {
        recipient: "447700900001",
        reportCode: -2,
        scheme: "report",
        outcome: "accepted",
        meaning: "accepted by csoft and queued",
        csoftText: "queued",
        messageId: "30106CCE",
        server: "primary",
      },
      {
        recipient: "447700900015",
        reportCode: 15,
        scheme: "report",
        outcome: "failed",
        meaning: "out of credit",
        csoftText: "Out of credit",
        messageId: "30106CCF",
        server: "primary",
      },
    ]);
  });

  it("applies a single report to every number as a whole-request answer", () => {
    const attribution = attributeReports(["1", "2", "3"], [badLogin], "secondary");
    expect(attribution.kind).toBe("wholeRequest");
    expect(
      attribution.results.map((r) => [r.recipient, r.reportCode, r.outcome, r.server]),
    ).toEqual([
      ["1", 2, "failed", "secondary"],
      ["2", 2, "failed", "secondary"],
      ["3", 2, "failed", "secondary"],
    ]);
  });

  it("treats a legacy answer for one number as a whole-request answer", () => {
    const formatOne: CsoftReport = { scheme: "formatOne", code: 99, text: "", messageId: null };
    expect(attributeReports(["1"], [formatOne], "primary").kind).toBe("wholeRequest");
    expect(attributeReports(["1"], [badLogin], "primary").kind).toBe("perRecipient");
  });

  it("marks every number unknown when the report count matches nothing", () => {
    const attribution = attributeReports(["1", "2", "3"], [queued, queued], "primary");
    expect(attribution.kind).toBe("unattributable");
    for (const result of attribution.results) {
      expect(result).toMatchObject({ outcome: "unknown", reportCode: null, server: "primary" });
      expect(result.meaning).toContain("2 reports for 3 numbers");
      expect(result.meaning).toContain("not resent");
    }
  });
});

describe("attributeAddressBook", () => {
  it("labels each member's report with the book and its position", () => {
    const attribution = attributeAddressBook(
      "book:Staff::Oncall",
      [queued, queued, noCredit],
      "primary",
    );
    expect(attribution.results.map((r) => [r.recipient, r.outcome])).toEqual([
      ["book:Staff::Oncall #1", "accepted"],
      ["book:Staff::Oncall #2", "accepted"],
      ["book:Staff::Oncall #3", "failed"],
    ]);
  });

  it("keeps the plain label for a single report, which may answer the whole request", () => {
    const attribution = attributeAddressBook("book:Staff", [badLogin], "primary");
    expect(attribution.kind).toBe("wholeRequest");
    expect(attribution.results.map((r) => r.recipient)).toEqual(["book:Staff"]);
  });
});
