import { ChatopsError } from "../errors.js";

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True for hosts whose traffic never leaves the machine, where plain http is harmless. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

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
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
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
