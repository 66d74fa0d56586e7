import type { MessageEncoding } from "./types.js";

/** GSM 03.38 default alphabet (without ESC, which only introduces the extension table). */
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** The extension table: each is sent as ESC plus one septet, so it costs two. */
const GSM_EXTENSION = new Set("^{}\\[~]|€\f");

const GSM_SINGLE = 160;
const GSM_PER_PART = 153;
const UNICODE_SINGLE = 70;
const UNICODE_PER_PART = 67;

/** How a message will travel: GSM 7-bit when every character allows it, else Unicode (UCS-2). */
export function measureMessage(text: string): MessageEncoding {
  const septets = gsmWidths(text);
  if (septets === null) {
    // A character outside the BMP is a surrogate pair: two code units that travel together.
    const units = Array.from(text, (char) => char.length);
    return {
      encoding: "unicode",
      length: text.length,
      parts: parts(units, UNICODE_SINGLE, UNICODE_PER_PART),
    };
  }
  return {
    encoding: "gsm7",
    length: sum(septets),
    parts: parts(septets, GSM_SINGLE, GSM_PER_PART),
  };
}

/** Septets each character needs in the GSM alphabet, or null when one is outside it. */
function gsmWidths(text: string): number[] | null {
  const widths: number[] = [];
  for (const char of text) {
    if (GSM_BASIC.has(char)) widths.push(1);
    else if (GSM_EXTENSION.has(char)) widths.push(2);
    else return null;
  }
  return widths;
}

function sum(widths: readonly number[]): number {
  return widths.reduce((total, width) => total + width, 0);
}

/**
 * Longer messages are concatenated; each part gives up room for its header, and a character
 * (an escape pair, a surrogate pair) never straddles two parts: it starts the next one instead.
 */
function parts(widths: readonly number[], single: number, perPart: number): number {
  if (sum(widths) <= single) return 1;
  let count = 1;
  let used = 0;
  for (const width of widths) {
    if (used + width > perPart) {
      count += 1;
      used = 0;
    }
    used += width;
  }
  return count;
}
