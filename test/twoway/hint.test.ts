import { describe, expect, it } from "vitest";
import { measureMessage } from "../../src/command/index.js";
import { withReplyHint } from "../../src/twoway/hint.js";

describe("the reply hint", () => {
  it("ends a short message on a line of its own", () => {
    expect(withReplyHint("db1 is down", 42)).toEqual({
      text: "db1 is down\nReply ACK 42",
      encoding: { encoding: "gsm7", length: 24, parts: 1 },
    });
  });

  it("is added up to the last septet of the part, and not one septet beyond", () => {
    const hint = "\nReply ACK 42".length;
    const fits = "x".repeat(160 - hint);
    expect(withReplyHint(fits, 42).text).toBe(`${fits}\nReply ACK 42`);
    expect(withReplyHint(fits, 42).encoding.parts).toBe(1);
    const full = `${fits}x`;
    expect(withReplyHint(full, 42)).toEqual({ text: full, encoding: measureMessage(full) });
  });

  it("counts an extension character as two septets, as the part counter does", () => {
    const hint = "\nReply ACK 7".length;
    const euros = "€".repeat((160 - hint) / 2);
    expect(withReplyHint(euros, 7).encoding.parts).toBe(1);
    expect(withReplyHint(`${euros}x`, 7).text).toBe(`${euros}x`);
  });

  it("fits a Unicode message within its 70 characters, and keeps it Unicode", () => {
    const hint = "\nReply ACK 3".length;
    const text = "✓".repeat(70 - hint);
    expect(withReplyHint(text, 3).encoding).toEqual({ encoding: "unicode", length: 70, parts: 1 });
    expect(withReplyHint(`${text}✓`, 3).text).toBe(`${text}✓`);
  });

  it("fills the room left in the last part of a long message", () => {
    const long = "y".repeat(153 + 100);
    expect(withReplyHint(long, 42).encoding.parts).toBe(2);
    expect(withReplyHint(long, 42).text.endsWith("Reply ACK 42")).toBe(true);
    const brim = "y".repeat(153 * 2);
    expect(withReplyHint(brim, 42).text).toBe(brim);
  });
});
