import { describe, expect, it } from "vitest";
import { measureMessage } from "../../src/command/encoding.js";

describe("measureMessage: GSM 7-bit", () => {
  it("measures the default alphabet as one septet per character", () => {
    const text = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./09:;<=>?¡AZÄÖÑÜ§¿azäöñüà";
    expect(measureMessage(text)).toEqual({ encoding: "gsm7", length: text.length, parts: 1 });
  });

  it("counts each extension character as two septets", () => {
    for (const char of ["^", "{", "}", "\\", "[", "~", "]", "|", "€", "\f"]) {
      expect(measureMessage(`a${char}`)).toEqual({ encoding: "gsm7", length: 3, parts: 1 });
    }
  });

  it("fits 160 septets in one SMS and splits 161 into 2 parts of 153", () => {
    expect(measureMessage("a".repeat(160))).toEqual({ encoding: "gsm7", length: 160, parts: 1 });
    expect(measureMessage("a".repeat(161))).toEqual({ encoding: "gsm7", length: 161, parts: 2 });
    expect(measureMessage("a".repeat(306)).parts).toBe(2);
    expect(measureMessage("a".repeat(307)).parts).toBe(3);
  });

  it("lets extension characters push a message over the boundary", () => {
    expect(measureMessage(`${"a".repeat(158)}€`)).toEqual({
      encoding: "gsm7",
      length: 160,
      parts: 1,
    });
    expect(measureMessage(`${"a".repeat(159)}€`)).toEqual({
      encoding: "gsm7",
      length: 161,
      parts: 2,
    });
  });
});

describe("measureMessage: Unicode", () => {
  it.each([["`"], ["ç"], ["Привет"], ["\u001b"], ["—"]])(
    "switches to Unicode for %j, outside the GSM alphabet",
    (text) => {
      expect(measureMessage(`db1 ${text}`).encoding).toBe("unicode");
    },
  );

  it("fits 70 code units in one SMS and splits 71 into 2 parts of 67", () => {
    expect(measureMessage("ж".repeat(70))).toEqual({ encoding: "unicode", length: 70, parts: 1 });
    expect(measureMessage("ж".repeat(71))).toEqual({ encoding: "unicode", length: 71, parts: 2 });
    expect(measureMessage("ж".repeat(134)).parts).toBe(2);
    expect(measureMessage("ж".repeat(135)).parts).toBe(3);
  });

  it("measures in UTF-16 code units, so an emoji counts 2", () => {
    expect(measureMessage("🔥")).toEqual({ encoding: "unicode", length: 2, parts: 1 });
    expect(measureMessage(`${"a".repeat(69)}🔥`)).toEqual({
      encoding: "unicode",
      length: 71,
      parts: 2,
    });
  });

  it("counts an extension character as one unit once the message is Unicode", () => {
    expect(measureMessage("€ж")).toEqual({ encoding: "unicode", length: 2, parts: 1 });
  });
});
