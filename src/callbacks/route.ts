// One csoft callback on our HTTP server: read the form, check its Username and PIN in constant
// time, parse it, hand it over to be stored, and answer. Receipts use it; two-way replies too.

import type { IncomingMessage, ServerResponse } from "node:http";
import { type CallbackCredentials, callbackCredentialsMatch } from "../csoft/callback-auth.js";
import { FormError, readForm } from "../csoft/form.js";
import { MAX_CALLBACK_BODY_BYTES } from "../defaults.js";
import type { HealthRoute } from "../health/routes.js";
import type { Logger } from "../log.js";

export interface CallbackOptions {
  /** What csoft's screen was given; every callback must carry exactly these. */
  credentials: CallbackCredentials;
  logger: Logger;
  /** The time a callback arrived, in milliseconds since the epoch (the Clock's). */
  now: () => number;
}

/**
 * Takes one parsed callback once it is authenticated. It resolves once the callback is stored
 * (csoft is answered only then) and leaves anything slow, such as chat, for afterwards.
 */
export type CallbackHandler<T> = (value: T, receivedAt: number) => Promise<void>;

/** Turns a body into the callback's value; throws FormError when it is not one. */
export type CallbackParser<T> = (body: string) => T;

class BodyTooLarge extends Error {}

const FORM_TYPE = "application/x-www-form-urlencoded";

function answer(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  response.end(text);
}

async function readLimited(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CALLBACK_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A content type other than a form (JSON, say) is not csoft's; none at all is let through. */
function isFormType(request: IncomingMessage): boolean {
  const type = request.headers["content-type"];
  return type === undefined || type.split(";")[0]?.trim().toLowerCase() === FORM_TYPE;
}

/** What became of one callback: the HTTP status and a word for the log. */
type Verdict = { status: number; text: string; problem?: string };

async function judge<T>(
  request: IncomingMessage,
  parse: CallbackParser<T>,
  handle: CallbackHandler<T>,
  options: CallbackOptions,
): Promise<Verdict> {
  const receivedAt = options.now();
  if (!isFormType(request)) return { status: 400, text: "Not a form", problem: "not a form" };
  const body = await readLimited(request);
  // Credentials first: nobody learns what a valid body looks like without them.
  const form = readForm(body);
  const given = { username: form.get("Username"), pin: form.get("PIN") };
  if (!callbackCredentialsMatch(given, options.credentials)) {
    return { status: 401, text: "Unauthorized", problem: "wrong Username or PIN" };
  }
  await handle(parse(body), receivedAt);
  return { status: 200, text: "OK" };
}

/**
 * A POST route for one csoft callback. 401 for a wrong or missing Username or PIN (nothing is
 * stored), 400 for a body that is not a form or not this callback, 413 for one too large to
 * be csoft's, 200 once `handle` has stored it, 500 when it could not.
 */
export function callbackRoute<T>(
  path: string,
  parse: CallbackParser<T>,
  handle: CallbackHandler<T>,
  options: CallbackOptions,
): HealthRoute {
  const log = options.logger;
  return {
    path,
    method: "POST",
    handler(request, response) {
      judge(request, parse, handle, options).then(
        (verdict) => {
          if (verdict.problem !== undefined) {
            log.warn(
              { path, status: verdict.status, problem: verdict.problem },
              "csoft callback refused",
            );
          }
          answer(response, verdict.status, verdict.text);
        },
        (error: unknown) => {
          if (error instanceof FormError) {
            log.warn({ path, status: 400, problem: error.message }, "csoft callback refused");
            return answer(response, 400, "Bad Request");
          }
          if (error instanceof BodyTooLarge) {
            log.warn({ path, status: 413 }, "csoft callback refused: too large");
            response.setHeader("connection", "close");
            return answer(response, 413, "Payload Too Large");
          }
          log.error({ err: error, path }, "csoft callback could not be stored");
          answer(response, 500, "Internal Server Error");
        },
      );
    },
  };
}
