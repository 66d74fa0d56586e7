// Discord over HTTP: `POST /discord/interactions`, the application's Interactions Endpoint URL.
// Each request is checked against the application's public key before it is read; a PING is
// answered PONG; commands and clicks go to the same handler as the gateway's.

import type { KeyObject } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Clock, Logger } from "../../src/kit.js";
import type { InteractionHandler } from "./attach.js";
import { httpInteraction, INTERACTION_TYPE, readPayload, sendJson } from "./http-interaction.js";
import { safeError } from "./log-safe.js";
import { isSignedByDiscord } from "./signature.js";

/** Far above any interaction Discord sends; a bigger body is refused unread. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface InteractionsEndpointOptions {
  publicKey: KeyObject;
  handler: InteractionHandler;
  logger: Logger;
  /** How old a signature is, against its timestamp. */
  clock: Clock;
}

export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

export function interactionsEndpoint(options: InteractionsEndpointOptions): RequestListener {
  return (request, response) => {
    serve(request, response, options).catch((error: unknown) => {
      options.logger.error({ err: safeError(error) }, "discord interaction request failed");
      if (!response.headersSent) void sendJson(response, 500, { error: "internal error" });
    });
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  { publicKey, handler, logger, clock }: InteractionsEndpointOptions,
): Promise<void> {
  const body = await readBody(request);
  if (body === undefined) return sendJson(response, 413, { error: "body too large" });
  const signature = header(request, "x-signature-ed25519");
  const timestamp = header(request, "x-signature-timestamp");
  if (!isSignedByDiscord(publicKey, { signature, timestamp, body }, clock.now())) {
    logger.warn("discord interaction refused: bad, missing or stale signature");
    return sendJson(response, 401, { error: "invalid request signature" });
  }
  const json = parseJson(body);
  if (isPing(json)) return sendJson(response, 200, { type: INTERACTION_TYPE.ping });
  const raw = readPayload(json);
  if (raw === undefined) return sendJson(response, 400, { error: "not an interaction" });
  const interaction = httpInteraction(raw, response);
  try {
    await handler.receive(interaction);
  } finally {
    // Not a command or button of this bot, or broken before its first answer (see the log).
    interaction.endUnanswered(500, "the interaction was not answered");
  }
}

/** Discord's check that the endpoint answers (when the URL is saved, and now and then after). */
function isPing(json: unknown): boolean {
  return (
    typeof json === "object" &&
    json !== null &&
    (json as { type?: unknown }).type === INTERACTION_TYPE.ping
  );
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** The raw body, as signed; undefined when it is larger than any interaction. */
async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const piece = chunk as Buffer;
    size += piece.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(piece);
  }
  return Buffer.concat(chunks);
}
