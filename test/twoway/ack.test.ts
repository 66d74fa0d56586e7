import { describe, expect, it } from "vitest";
import { DEFAULT_ACK_WORDS } from "../../src/defaults.js";
import { readReply } from "../../src/twoway/ack.js";

const read = (message: string) => readReply(message, DEFAULT_ACK_WORDS);

describe("reading a reply", () => {
  it.each(["ACK", "ack", "Ok", "yes", "  YES  ", "ok, on my way", "ack: looking", "yes!"])(
    "takes %j as an acknowledgement of the most recent page",
    (message) => {
      expect(read(message)).toEqual({ kind: "ack" });
    },
  );

  it.each([
    ["ACK 42", 42],
    ["ack #42", 42],
    ["ok 7 on my way", 7],
    ["YES, 1234", 1234],
  ])("takes %j as an acknowledgement of page %i", (message, pageId) => {
    expect(read(message)).toEqual({ kind: "ack", pageId });
  });

  it.each(["", "on my way", "okay", "acknowledged", "no ack", "ACK42", "yesterday was fine"])(
    "takes %j as words, not an acknowledgement",
    (message) => {
      expect(read(message)).toEqual({ kind: "text" });
    },
  );

  it("does not read a number glued to other text as a page", () => {
    expect(read("ack 42nd floor")).toEqual({ kind: "ack" });
  });

  it("uses the configured words instead of the defaults", () => {
    expect(readReply("Vu 12", ["vu", "JA"])).toEqual({ kind: "ack", pageId: 12 });
    expect(readReply("ja", ["vu", "JA"])).toEqual({ kind: "ack" });
    expect(readReply("ack", ["vu", "JA"])).toEqual({ kind: "text" });
  });
});
