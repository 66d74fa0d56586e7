import fc from "fast-check";
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

describe("measureMessage: parts never split a character", () => {
  it("keeps a GSM escape pair within one part", () => {
    // 152 + 2 septets: the € cannot take the 153rd septet of part 1 and the 1st of part 2.
    const text = `${"a".repeat(152)}€${"a".repeat(152)}`;
    expect(measureMessage(text)).toEqual({ encoding: "gsm7", length: 306, parts: 3 });
  });

  it("keeps a surrogate pair within one part", () => {
    const text = `${"ж".repeat(66)}🔥${"ж".repeat(66)}`;
    expect(measureMessage(text)).toEqual({ encoding: "unicode", length: 134, parts: 3 });
  });
});

const GSM_TWO_SEPTETS = new Set("^{}\\[~]|€\f");

/** The units a message is sent as: septets (ESC marked as a lead) or UTF-16 code units. */
function encodedUnits(text: string, encoding: "gsm7" | "unicode"): { lead: boolean }[] {
  const units: { lead: boolean }[] = [];
  for (const char of text) {
    const width = encoding === "gsm7" ? (GSM_TWO_SEPTETS.has(char) ? 2 : 1) : char.length;
    for (let i = 0; i < width; i++) units.push({ lead: i < width - 1 });
  }
  return units;
}

/**
 * A reference splitter as a phone does it: cut every `perPart` units, and when a cut would
 * leave the lead unit of a pair at the end of a part, carry it over to the next.
 */
function referenceParts(text: string, encoding: "gsm7" | "unicode"): number {
  const [single, perPart] = encoding === "gsm7" ? [160, 153] : [70, 67];
  const units = encodedUnits(text, encoding);
  if (units.length <= single) return 1;
  let parts = 0;
  let start = 0;
  while (start < units.length) {
    let end = Math.min(start + perPart, units.length);
    if (end < units.length && units[end - 1]?.lead) end -= 1;
    start = end;
    parts += 1;
  }
  return parts;
}

describe("measureMessage: parts match a reference splitter", () => {
  const gsmChar = fc.constantFrom("a", "€", "[", "é", " ", "\n");
  const unicodeChar = fc.constantFrom("ж", "🔥", "a", "€", "😀");

  it("for GSM 7-bit text", () => {
    // A run of plain letters moves the pairs across part boundaries.
    const text = fc
      .tuple(fc.nat(320), fc.array(gsmChar, { maxLength: 400, size: "max" }))
      .map(([letters, chars]) => `${"a".repeat(letters)}${chars.join("")}`);
    fc.assert(
      fc.property(text, (text) => {
        const measured = measureMessage(text);
        expect(measured.encoding).toBe("gsm7");
        expect(measured.parts).toBe(referenceParts(text, "gsm7"));
      }),
      { numRuns: 1000 },
    );
  });

  it("for Unicode text", () => {
    fc.assert(
      fc.property(
        fc.array(unicodeChar, { minLength: 40, maxLength: 300, size: "max" }),
        (chars) => {
          const text = `ж${chars.join("")}`;
          const measured = measureMessage(text);
          expect(measured.encoding).toBe("unicode");
          expect(measured.parts).toBe(referenceParts(text, "unicode"));
        },
      ),
      { numRuns: 300 },
    );
  });
});
