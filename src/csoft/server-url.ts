import { ChatopsError } from "../errors.js";
import { carriesSecretsSafely } from "../validate.js";

/**
 * Parses a csoft server URL. The PIN travels in the body, so plain http:// is refused unless
 * the host is loopback (the simulator, tests).
 */
export function parseServerUrl(value: string, label: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ChatopsError("CSOFT_BAD_URL", `the csoft ${label} URL is not a valid URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ChatopsError(
      "CSOFT_BAD_URL",
      `the csoft ${label} URL must be https://, not ${url.protocol}//`,
    );
  }
  if (!carriesSecretsSafely(url)) {
    throw new ChatopsError(
      "CSOFT_BAD_URL",

      `refusing plain http:// for the csoft ${label} URL (host ${url.hostname}): the PIN would travel unencrypted; use https:// (http is allowed only for loopback hosts)`,
    );
  }
  if (url.username || url.password) {
    throw new ChatopsError(
      "CSOFT_BAD_URL",
      `the csoft ${label} URL must not carry a user name or password`,
    );
  }
  return url;
}
