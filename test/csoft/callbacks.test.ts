import { describe, expect, it } from "vitest";
import { FormError, readForm } from "../../src/csoft/form.js";
import { parseInboundReply } from "../../src/csoft/inbound.js";
import { parseDeliveryReceipt, receiptStatus } from "../../src/csoft/receipt.js";

const RECEIPT =
  "Username=hooks&PIN=4417&SendTo=447700900123&MessageIdentifier=30106CCE&Report=0&Text=Delivered&Timestamp1=2026-11-30T14%3A05%3A09Z";

describe("delivery receipts", () => {
  it("reads every field of a receipt as csoft posts it", () => {
    expect(parseDeliveryReceipt(RECEIPT)).toEqual({
      username: "hooks",
      pin: "4417",
      sendTo: "447700900123",
      messageIdentifier: "30106CCE",
      report: 0,
      text: "Delivered",
      timestamp: new Date("2026-11-30T14:05:09Z"),
    });
  });

  it("reads fields in any order, ignores unknown ones, and accepts the SOAP spelling SentTo", () => {
    const receipt = parseDeliveryReceipt(
      "Timestamp1=2026-11-30T14:05:09Z&NewTag=1&Report=%2D2&SentTo=447700900124&MessageIdentifier=A1&PIN=NULL&Username=NULL",
    );
    expect(receipt).toMatchObject({
      username: "NULL",
      pin: "NULL",
      sendTo: "447700900124",
      messageIdentifier: "A1",
      report: -2,
      text: "",
    });
  });

  it("matches field names without regard to letter case", () => {
    expect(parseDeliveryReceipt("messageidentifier=B2&REPORT=3&sendto=447700900125")).toMatchObject(
      { messageIdentifier: "B2", report: 3, sendTo: "447700900125" },
    );
  });

  it("decodes UTF-8 percent-encoding and + as a space in Text", () => {
    const receipt = parseDeliveryReceipt(
      "MessageIdentifier=C3&Report=27&Text=Expired+at%20the%20SMSC%3A%20%D7%90",
    );
    expect(receipt.text).toBe("Expired at the SMSC: \u05d0");
  });

  it("leaves the timestamp undefined when it is absent or not a real UTC time", () => {
    for (const stamp of [
      "",
      "&Timestamp1=2026-02-30T10:00:00Z",
      "&Timestamp1=2026-11-30 14:05:09",
    ]) {
      expect(
        parseDeliveryReceipt(`MessageIdentifier=D4&Report=0${stamp}`).timestamp,
      ).toBeUndefined();
    }
  });

  it.each([
    ["no identifier", "Report=0"],
    ["csoft's no-identifier value", "MessageIdentifier=-1&Report=0"],
    ["no report", "MessageIdentifier=E5"],
    ["a report that is not an integer", "MessageIdentifier=E5&Report=zero"],
    ["a field given twice", "MessageIdentifier=E5&Report=0&report=2"],
    ["a bad percent sequence", "MessageIdentifier=E5&Report=0&Text=100%"],
    ["invalid UTF-8", "MessageIdentifier=E5&Report=0&Text=%C3%28"],
    [
      "SendTo and SentTo naming different numbers",
      "MessageIdentifier=E5&Report=0&SendTo=1&SentTo=2",
    ],
    ["an empty body", ""],
  ])("refuses a receipt with %s", (_, body) => {
    expect(() => parseDeliveryReceipt(body)).toThrow(FormError);
  });

  it.each([
    [0, "delivered", true],
    [27, "not-delivered", true],
    [15, "not-delivered", true],
    [-2, "intermediate", false],
    [-3, "intermediate", false],
    [-4, "intermediate", false],
    [11, "warning", false],
    [19, "warning", false],
  ] as const)("classifies report %i as %s (final: %s)", (report, state, final) => {
    const status = receiptStatus(parseDeliveryReceipt(`MessageIdentifier=F6&Report=${report}`));
    expect(status).toMatchObject({ state, final });
  });

  it("gives the table's meaning, and csoft's Text for a code the table lacks", () => {
    expect(receiptStatus(parseDeliveryReceipt("MessageIdentifier=G7&Report=28")).meaning).toBe(
      "abandoned by the operator's message centre",
    );
    const unlisted = parseDeliveryReceipt("MessageIdentifier=G7&Report=76&Text=Rejected+by+route");
    expect(receiptStatus(unlisted)).toEqual({
      state: "not-delivered",
      final: true,
      meaning: "Rejected by route",
    });
  });
});

describe("two-way replies", () => {
  it("reads a reply with csoft's seven fields, the sender in ReplyTo", () => {
    const reply = parseInboundReply(
      "Username=hooks&PIN=4417&SendTo=447700900999&Message=ack+%E2%9C%93&ReplyTo=447700900123&Timestamp1=2026-11-30T14:06:00Z&MessageIdentifier=7F00AA01",
    );
    expect(reply).toEqual({
      username: "hooks",
      pin: "4417",
      sendTo: "447700900999",
      replyTo: "447700900123",
      message: "ack \u2713",
      timestamp: new Date("2026-11-30T14:06:00Z"),
      messageIdentifier: "7F00AA01",
    });
  });

  it("reads the older five-field form and keeps an empty message", () => {
    const reply = parseInboundReply(
      "ReplyTo=447700900123&Message=&SendTo=447700900999&PIN=NULL&Username=NULL",
    );
    expect(reply).toMatchObject({
      message: "",
      messageIdentifier: undefined,
      timestamp: undefined,
    });
  });

  it.each([
    ["no sender", "SendTo=447700900999&Message=hi"],
    ["no two-way number", "ReplyTo=447700900123&Message=hi"],
    ["no Message field", "SendTo=447700900999&ReplyTo=447700900123"],
  ])("refuses a reply with %s", (_, body) => {
    expect(() => parseInboundReply(body)).toThrow(FormError);
  });
});

describe("the form reader", () => {
  it("never quotes a value in its errors", () => {
    expect(() => readForm("PIN=secret%zz")).toThrow("PIN is not valid UTF-8 percent-encoding");
    let message = "";
    try {
      readForm("PIN=73%91");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe("PIN is not valid UTF-8 percent-encoding");
  });
});
