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
  const septets = gsmSeptets(text);
  if (septets === null) {
    return {
      encoding: "unicode",
      length: text.length,
      parts: parts(text.length, UNICODE_SINGLE, UNICODE_PER_PART),
    };
  }
  return { encoding: "gsm7", length: septets, parts: parts(septets, GSM_SINGLE, GSM_PER_PART) };
}

/** Septets the text needs in the GSM alphabet, or null when a character is outside it. */
function gsmSeptets(text: string): number | null {
  let septets = 0;
  for (const char of text) {
    if (GSM_BASIC.has(char)) septets += 1;
    else if (GSM_EXTENSION.has(char)) septets += 2;
    else return null;
  }
  return septets;
}

/** Longer messages are concatenated; each part gives up room for its header. */
function parts(length: number, single: number, perPart: number): number {
  return length <= single ? 1 : Math.ceil(length / perPart);
}
