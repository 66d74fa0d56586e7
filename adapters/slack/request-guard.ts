// A screen in front of Bolt's HTTPReceiver: a correctly signed body that is not a shape the bot
// handles is answered 400 before Bolt sees it. Bolt reads such bodies without checking them
// (a JSON `null` rejects inside the receiver, where nobody awaits it; a payload without a user
// fails a listener and is answered 500). Unsigned requests are left to Bolt, which answers 401.
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import {
  type BufferedIncomingMessage,
  defaultBodyLimit,
  type HTTPReceiver,
  HTTPModuleFunctions as http,
  isRawBodyError,
  isValidSlackRequest,
} from "@slack/bolt";
import type { Logger } from "../../src/kit.js";

export interface RequestGuardOptions {
  signingSecret: string;
  /** The events path, e.g. `/slack/events`; other routes (health, metrics) pass untouched. */
  endpoint: string;
  logger: Logger;
}

/** Wraps the receiver's request listener (a public property Bolt's server calls per request). */
export function guardRequests(receiver: HTTPReceiver, options: RequestGuardOptions): void {
  const next = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (
      req.method !== "POST" ||
      new URL(req.url ?? "/", "http://x").pathname !== options.endpoint
    ) {
      next(req, res);
      return;
    }
    screen(req, res, next, options).catch((error: unknown) => {
      options.logger.error({ err: error }, "a Slack request could not be screened");
      if (!res.headersSent) http.buildNoBodyResponse(res, 500);
    });
  };
}

async function screen(
  req: IncomingMessage,
  res: ServerResponse,
  next: RequestListener,
  { signingSecret, logger }: RequestGuardOptions,
): Promise<void> {
  let buffered: BufferedIncomingMessage;
  try {
    buffered = await http.bufferIncomingMessage(req, defaultBodyLimit);
  } catch (error) {
    const tooLarge = isRawBodyError(error) && error.statusCode === 413;
    http.buildNoBodyResponse(res, tooLarge ? 413 : 400);
    return;
  }
  // Bolt reuses the buffered body, and answers unsigned requests (and Slack's ssl_check) itself.
  if (!isSigned(buffered, signingSecret)) return next(buffered, res);
  let body: unknown;
  try {
    body = http.parseHTTPRequestBody(buffered);
  } catch {
    body = undefined;
  }
  if (!isHandledShape(body)) {
    logger.warn(
      { type: typeof body === "object" && body !== null ? String((body as Fields).type) : null },
      "signed Slack request of a shape the bot does not handle; answered 400",
    );
    http.buildNoBodyResponse(res, 400);
    return;
  }
  next(buffered, res);
}

function isSigned(req: BufferedIncomingMessage, signingSecret: string): boolean {
  const signature = req.headers["x-slack-signature"];
  const timestamp = req.headers["x-slack-request-timestamp"];
  if (typeof signature !== "string" || typeof timestamp !== "string") return false;
  return isValidSlackRequest({
    signingSecret,
    body: req.rawBody.toString(),
    headers: { "x-slack-signature": signature, "x-slack-request-timestamp": Number(timestamp) },
  });
}

type Fields = Record<string, unknown>;

function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What the bot's app receives: slash commands, button clicks (block_actions), and the checks
 * Slack makes of a request URL (url_verification, ssl_check). Anything else is not ours.
 */
export function isHandledShape(body: unknown): boolean {
  if (!isFields(body)) return false;
  if (body.ssl_check === "1" || body.type === "url_verification") return true;
  if (typeof body.command === "string") {
    return typeof body.user_id === "string" && typeof body.channel_id === "string";
  }
  return (
    body.type === "block_actions" &&
    isFields(body.user) &&
    typeof body.user.id === "string" &&
    Array.isArray(body.actions)
  );
}
