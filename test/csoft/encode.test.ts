import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CSOFT_CONTENT_TYPE,
  encodeSendRequest,
  formatSendTime,
  percentEncode,
} from "../../src/csoft/encode.js";
import type { SendRequest } from "../../src/csoft/types.js";

const credentials = { username: "ANOther.12345", pin: "123456" };

function toNumbers(message: string, numbers: string[], extra: Partial<SendRequest> = {}) {
  return { destination: { kind: "numbers", numbers }, message, flash: false, ...extra } as const;
}

describe("encodeSendRequest", () => {
  it("writes the document's Hello World body, plus ResponseFormat=3", () => {
    expect(encodeSendRequest(credentials, toNumbers("Hello World", ["447700912345"]))).toBe(
      "Username=ANOther.12345&PIN=123456&SendTo=447700912345&Message=Hello%20World&ResponseFormat=3",
    );
  });

  it("encodes each UTF-8 octet of the Hebrew Alef, as the document does", () => {
    const body = encodeSendRequest(credentials, toNumbers("\u05D0", ["447700912345"]));
    expect(body).toContain("&Message=%D7%90&");
  });

  it("keeps literal commas between numbers and sends a flash message", () => {
    const request = toNumbers("Golf Course", ["447700912345", "447700911223"], { flash: true });
    expect(encodeSendRequest(credentials, request)).toBe(
      "Username=ANOther.12345&PIN=123456&SendTo=447700912345,447700911223&FlashMessage=Golf%20Course&ResponseFormat=3",
    );
  });

  it("puts every option in the documented order", () => {
    const request = toNumbers("Is 50% OK?", ["447700912345"], {
      replyTo: "447700900999",
      service: "economy",
      delayMinutes: 30,
    });
    expect(encodeSendRequest(credentials, request)).toBe(
      "Username=ANOther.12345&PIN=123456&SendTo=447700912345&Message=Is%2050%25%20OK%3F" +
        "&ReplyTo=447700900999&DeliveryServiceOption=Economy&SendTimeDelay=30&ResponseFormat=3",
    );
  });

  it("sends an absolute time as UTC YYYY-MM-DDTHH:MM:SS", () => {
    const sendAt = new Date("2030-01-02T03:04:05.678Z");
    const body = encodeSendRequest(
      credentials,
      toNumbers("x", ["1"], { sendAt, service: "premier" }),
    );
    expect(body).toContain(
      "&DeliveryServiceOption=Premier&SendTimeAbsolute=2030-01-02T03%3A04%3A05&",
    );
    expect(new URLSearchParams(body).get("SendTimeAbsolute")).toBe("2030-01-02T03:04:05");
  });

  it("writes the address book and group around a literal ::, each side encoded", () => {
    const request: SendRequest = {
      destination: { kind: "addressBook", book: "On call", group: "DB&Ops" },
      message: "x",
      flash: false,
    };
    expect(encodeSendRequest(credentials, request)).toContain(
      "&SendToAddressBook=On%20call::DB%26Ops&",
    );
    const withoutGroup = {
      ...request,
      destination: { kind: "addressBook", book: "Staff" },
    } as const;
    expect(encodeSendRequest(credentials, withoutGroup)).toContain("&SendToAddressBook=Staff&");
  });

  it("sends only this batch's numbers when they are given", () => {
    const request = toNumbers("x", ["111", "222", "333"]);
    const body = encodeSendRequest(credentials, request, ["222", "333"]);
    expect(new URLSearchParams(body).get("SendTo")).toBe("222,333");
  });

  it("cannot be made to carry a second PIN or SendTo by the message", () => {
    const message = "help&PIN=1&SendTo=447700999999";
    const params = new URLSearchParams(
      encodeSendRequest(credentials, toNumbers(message, ["447700912345"])),
    );
    expect(params.getAll("PIN")).toEqual(["123456"]);
    expect(params.getAll("SendTo")).toEqual(["447700912345"]);
    expect(params.get("Message")).toBe(message);
  });

  it("keeps the parameter list fixed and the message intact for any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (message) => {
        const body = encodeSendRequest(credentials, toNumbers(message, ["447700912345"]));
        const params = new URLSearchParams(body);
        expect([...params.keys()]).toEqual([
          "Username",
          "PIN",
          "SendTo",
          "Message",
          "ResponseFormat",
        ]);
        expect(params.get("Message")).toBe(message);
        expect(body).not.toMatch(/[^A-Za-z0-9\-_.~%&=,]/);
      }),
    );
  });

  it("refuses a delay outside 1 to 10080 minutes and an invalid date", () => {
    expect(() =>
      encodeSendRequest(credentials, toNumbers("x", ["1"], { delayMinutes: 0 })),
    ).toThrow(expect.objectContaining({ code: "CSOFT_BAD_REQUEST" }));
    expect(() =>
      encodeSendRequest(credentials, toNumbers("x", ["1"], { delayMinutes: 10_081 })),
    ).toThrow(expect.objectContaining({ code: "CSOFT_BAD_REQUEST" }));
    expect(() => formatSendTime(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: "CSOFT_BAD_REQUEST" }),
    );
  });
});

describe("percentEncode", () => {
  it("leaves only RFC 3986 unreserved characters, with uppercase hex and %20 for space", () => {
    expect(percentEncode("Az09-_.~")).toBe("Az09-_.~");
    expect(percentEncode("a b+c!'()*")).toBe("a%20b%2Bc%21%27%28%29%2A");
    expect(percentEncode("é")).toBe("%C3%A9");
  });

  it("exports the document's content type", () => {
    expect(CSOFT_CONTENT_TYPE).toBe('application/x-www-form-urlencoded; charset="utf-8"');
  });
});
