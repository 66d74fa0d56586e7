import { describe, expect, it } from "vitest";
import { classify, FORMAT_ONE_CODES, REPORT_CODES } from "../../src/csoft/report-codes.js";
import type { CodeScheme, CsoftReport } from "../../src/csoft/types.js";

const report = (code: number, text = "", scheme: CodeScheme = "report"): CsoftReport => ({
  scheme,
  code,
  text,
  messageId: null,
});

describe("the report code table", () => {
  it("holds exactly the codes with a published meaning", () => {
    expect([...REPORT_CODES.keys()].sort((a, b) => a - b)).toEqual([
      -4, -3, -2, 0, 2, 3, 4, 5, 7, 8, 11, 15, 19, 25, 27, 28,
    ]);
  });

  it("invents no meaning for the codes the document lists without one", () => {
    for (const code of [-1, 6, 12, 13, 14, 20, 76, 98, 99])
      expect(REPORT_CODES.has(code)).toBe(false);
  });

  it.each([
    [-4, "accepted", "handed to the mobile operator's message centre"],
    [-3, "accepted", "held back for now by the csoft server (will be sent later)"],
    [-2, "accepted", "accepted by csoft and queued"],
    [0, "delivered", "delivered to the handset"],
    [2, "failed", "login refused: username, PIN or source IP address"],
    [3, "failed", "invalid telephone number"],
    [8, "failed", "the number is on a blacklist"],
    [11, "warning", "invalid characters were removed; the rest of the message was sent"],
    [19, "warning", "invalid characters were removed; the rest of the message was sent"],
    [15, "failed", "out of credit"],
    [28, "failed", "abandoned by the operator's message centre"],
  ])("classifies report code %i as %s", (code, outcome, meaning) => {
    expect(classify(report(code, "csoft's own words"))).toEqual({ outcome, meaning });
  });

  it("shows csoft's own text for a code without a published meaning, outcome by the sign rule", () => {
    expect(classify(report(98, "Too many numbers"))).toEqual({
      outcome: "failed",
      meaning: "Too many numbers",
    });
    expect(classify(report(-1, "Pending"))).toEqual({ outcome: "accepted", meaning: "Pending" });
  });

  it("says there is no published meaning when csoft gave no text", () => {
    expect(classify(report(6, "  "))).toEqual({
      outcome: "failed",
      meaning: "report code 6 (no published meaning)",
    });
    expect(classify(report(-1))).toEqual({
      outcome: "accepted",
      meaning: "report code -1 (no published meaning)",
    });
  });
});

describe("legacy answers", () => {
  it("classifies Format One 01, 97 and 99", () => {
    expect(FORMAT_ONE_CODES.size).toBe(3);
    expect(classify(report(1, "", "formatOne"))).toEqual({
      outcome: "accepted",
      meaning: "message accepted",
    });
    expect(classify(report(97, "", "formatOne"))).toEqual({
      outcome: "failed",
      meaning: "parameter syntax error or out of credit",
    });
    expect(classify(report(99, "", "formatOne"))).toEqual({
      outcome: "failed",
      meaning: "invalid username or PIN",
    });
  });

  it("classifies ResponseFormat 0 codes by sign, with csoft's text as the meaning", () => {
    expect(classify(report(171, "Invalid login", "format0"))).toEqual({
      outcome: "failed",
      meaning: "Invalid login",
    });
    expect(classify(report(-2, "Queued", "format0"))).toEqual({
      outcome: "accepted",
      meaning: "Queued",
    });
  });
});
