import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeResponse } from "../../src/csoft/decode.js";
import { percentEncode } from "../../src/csoft/encode.js";
import { CsoftProtocolError } from "../../src/csoft/errors.js";

const CSOFT_PIECES = [
  "MessageIdentifier",
  "Report",
  "Text",
  "=",
  "&",
  ",",
  "%2D",
  "%",
  "%Z",
  "-",
  "1",
  "15",
  " ",
  "\r\n",
  "+",
  "-1",
];

describe("decodeResponse", () => {
  it("reads the document's ResponseFormat 3 example, one report per number", () => {
    const body =
      "MessageIdentifier=30106CCE,30106CCF&Report=%2D2,15&Text=Accepted%20by%20csoft%3A%20queued,Out%20of%20credit";
    expect(decodeResponse(body)).toEqual([
      { scheme: "report", code: -2, text: "Accepted by csoft: queued", messageId: "30106CCE" },
      { scheme: "report", code: 15, text: "Out of credit", messageId: "30106CCF" },
    ]);
  });

  it("reads the document's ResponseFormat 1 example", () => {
    expect(decodeResponse("MessageIdentifier=30106CCE&Report=2&Text=Invalid%20Login")).toEqual([
      { scheme: "report", code: 2, text: "Invalid Login", messageId: "30106CCE" },
    ]);
  });

  it("reads a whole-request answer whose identifier -1 means none", () => {
    expect(decodeResponse("MessageIdentifier=-1&Report=2&Text=Invalid%20Login")).toEqual([
      { scheme: "report", code: 2, text: "Invalid Login", messageId: null },
    ]);
  });

  it("reads the document's ResponseFormat 0 example", () => {
    expect(decodeResponse("171 - Invalid login")).toEqual([
      { scheme: "format0", code: 171, text: "Invalid login", messageId: null },
    ]);
  });

  it.each([
    ["01", 1],
    ["97", 97],
    ["99", 99],
  ])("reads the legacy Format One answer %s, with whitespace around it", (body, code) => {
    expect(decodeResponse(`\r\n ${body}\r\n`)).toEqual([
      { scheme: "formatOne", code, text: "", messageId: null },
    ]);
  });

  it("tolerates CRLF around a tagged body", () => {
    expect(decodeResponse("MessageIdentifier=A1&Report=0\r\n")[0]?.code).toBe(0);
  });

  it("gives an empty text when Text is missing or blank", () => {
    expect(decodeResponse("MessageIdentifier=A1,A2&Report=%2D2,0").map((r) => r.text)).toEqual([
      "",
      "",
    ]);
    expect(
      decodeResponse("MessageIdentifier=A1,A2&Report=%2D2,0&Text=").map((r) => r.text),
    ).toEqual(["", ""]);
    expect(
      decodeResponse("MessageIdentifier=A1,A2&Report=3,0&Text=Bad").map((r) => r.text),
    ).toEqual(["Bad", ""]);
  });

  it("decodes each value after splitting on commas, so an encoded comma stays in its text", () => {
    const body = `MessageIdentifier=A1,A2&Report=3,0&Text=${percentEncode("a, b")},${percentEncode("c")}`;
    expect(decodeResponse(body).map((r) => r.text)).toEqual(["a, b", "c"]);
  });

  it.each([
    ["an HTML error page", "<html><body><h1>502 Bad Gateway</h1></body></html>"],
    ["an empty body", ""],
    ["only whitespace", " \r\n"],
    ["a Report that is not an integer", "MessageIdentifier=A1&Report=OK&Text=x"],
    ["an empty Report", "MessageIdentifier=A1&Report=&Text=x"],
    ["unequal identifier and report counts", "MessageIdentifier=A1,A2&Report=0"],
    ["no Report", "MessageIdentifier=A1&Text=x"],
    ["no MessageIdentifier", "Report=0"],
    ["a repeated field", "MessageIdentifier=A1&Report=0&Report=1"],
    ["bad percent-encoding", "MessageIdentifier=A1&Report=0&Text=%ZZ"],
    ["a bare number that is not Format One", "0"],
    ["plain words", "OK"],
  ])("refuses %s as not a csoft response", (_name, body) => {
    expect(() => decodeResponse(body)).toThrow(CsoftProtocolError);
  });

  it("never quotes the body in its error", () => {
    const body = "<html>PIN=123456</html>";
    expect(() => decodeResponse(body)).toThrow(CsoftProtocolError);
    try {
      decodeResponse(body);
    } catch (error) {
      expect(String((error as Error).message)).not.toContain("123456");
      expect((error as CsoftProtocolError).code).toBe("CSOFT_NOT_A_RESPONSE");
    }
  });

  it("either decodes or throws CsoftProtocolError, for any string", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "grapheme", maxLength: 40 }),
          // Near-misses built from csoft's own pieces reach deeper than random text.
          fc
            .array(fc.constantFrom(...CSOFT_PIECES), { maxLength: 16 })
            .map((pieces) => pieces.join("")),
        ),
        (body) => {
          try {
            const reports = decodeResponse(body);
            expect(reports.length).toBeGreaterThan(0);
            for (const report of reports) expect(Number.isInteger(report.code)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(CsoftProtocolError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("reads back any per-number answer written the way csoft writes it", () => {
    const report = fc.record({
      id: fc.stringMatching(/^[0-9A-F]{8}$/),
      code: fc.integer({ min: -4, max: 999 }),
      text: fc.string({ unit: "grapheme", maxLength: 40 }),
    });
    fc.assert(
      fc.property(fc.array(report, { minLength: 1, maxLength: 20 }), (reports) => {
        const body = [
          `MessageIdentifier=${reports.map((r) => r.id).join(",")}`,
          `Report=${reports.map((r) => percentEncode(String(r.code))).join(",")}`,
          `Text=${reports.map((r) => percentEncode(r.text)).join(",")}`,
        ].join("&");
        expect(decodeResponse(body)).toEqual(
          reports.map((r) => ({
            scheme: "report",
            code: r.code,
            text: r.text,
            messageId: r.id,
          })),
        );
      }),
    );
  });
});
