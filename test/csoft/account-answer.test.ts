import { describe, expect, it } from "vitest";
import { decodeCreditAnswer } from "../../src/csoft/account-answer.js";
import { CsoftProtocolError, CsoftReportError } from "../../src/csoft/errors.js";

describe("csoft's answer to an account query", () => {
  it.each([
    ["AvailableCredit=GBP 15.2345", { amount: 15.2345, currency: "GBP" }],
    ["AvailableCredit=GBP%2015.2345", { amount: 15.2345, currency: "GBP" }],
    ["AvailableCredit=UKL 15.2345", { amount: 15.2345, currency: "GBP" }],
    ["Currency=GBP&AvailableCredit=15.2345", { amount: 15.2345, currency: "GBP" }],
    ["AvailableCredit=15.2345&Currency=eur\r\n", { amount: 15.2345, currency: "EUR" }],
    ["AvailableCredit=-2.5", { amount: -2.5 }],
  ])("reads %j", (body, balance) => {
    expect(decodeCreditAnswer(body, "primary")).toEqual(balance);
  });

  it("turns Invalid Login into a report error naming the server", () => {
    const answer = () =>
      decodeCreditAnswer("MessageIdentifier=-1&Report=2&Text=Invalid%20Login", "secondary");
    expect(answer).toThrow(CsoftReportError);
    expect(answer).toThrow(
      "csoft (secondary) answered the whole request with report code 2: login refused: username, PIN or source IP address",
    );
  });

  it.each([
    ["an HTML page", "<html><body>Bad Gateway</body></html>"],
    ["no amount", "AvailableCredit="],
    ["an amount that is not a number", "AvailableCredit=GBP lots"],
    ["an empty body", ""],
    ["bad percent-encoding", "AvailableCredit=%G1"],
  ])("refuses %s as not a csoft answer", (_, body) => {
    expect(() => decodeCreditAnswer(body, "primary")).toThrow(CsoftProtocolError);
  });
});
