import { describe, expect, it } from "vitest";
import {
  CsoftAnswerLostError,
  CsoftError,
  CsoftProtocolError,
  CsoftReportError,
  CsoftUnreachableError,
} from "../../src/csoft/errors.js";

describe("csoft errors", () => {
  it("share one base with a stable code, and keep their cause", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const report = new CsoftReportError(
      { code: 15, scheme: "report", meaning: "out of credit" },
      "primary",
    );
    const unreachable = new CsoftUnreachableError([
      { server: "primary", reason: "connection refused", error: refused },
      { server: "secondary", reason: "HTTP 503", error: new CsoftProtocolError("HTTP 503") },
    ]);
    const lost = new CsoftAnswerLostError("secondary", "no answer within 30000 ms", {
      cause: refused,
    });
    const protocol = new CsoftProtocolError();
    const errors = [report, unreachable, lost, protocol];
    expect(errors.map((error) => [error instanceof CsoftError, error.name, error.code])).toEqual([
      [true, "CsoftReportError", "CSOFT_REPORT"],
      [true, "CsoftUnreachableError", "CSOFT_UNREACHABLE"],
      [true, "CsoftAnswerLostError", "CSOFT_ANSWER_UNKNOWN"],
      [true, "CsoftProtocolError", "CSOFT_NOT_A_RESPONSE"],
    ]);
    expect(report).toMatchObject({ reportCode: 15, server: "primary" });
    expect(report.message).toBe(
      "csoft (primary) answered the whole request with report code 15: out of credit",
    );
    expect(unreachable.message).toBe(
      "could not reach csoft (primary: connection refused; secondary: HTTP 503)",
    );
    expect((unreachable.cause as AggregateError).errors[0]).toBe(refused);
    expect(lost.cause).toBe(refused);
    expect(protocol.message).toBe("not a csoft response");
  });
});
