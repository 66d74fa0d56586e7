/** POST /csoft/inbound: a two-way reply is read, its sender checked, stored, then answered. */
import { normaliseNumber } from "../command/index.js";
import { type CallbackCredentials, callbackCredentialsMatch } from "../csoft/callback-auth.js";
import { FormError, readForm } from "../csoft/form.js";
import { type InboundReply, parseInboundReply } from "../csoft/inbound.js";
import type { Logger } from "../log.js";
import type { NewReply, Replies } from "../store/twoway-types.js";

/** What the route answers csoft: a status and a short plain-text body. */
export interface CallbackAnswer {
  status: 200 | 400 | 401 | 500;
  body: string;
}

/** A reply as stored, handed on to whatever acts on it once csoft has its answer. */
export interface StoredReply extends NewReply {
  id: number;
  receivedAt: number;
}

export interface InboundDeps {
  /** CSOFT_CALLBACK_USERNAME and CSOFT_CALLBACK_PIN: what csoft's Two-Way screen was given. */
  credentials: CallbackCredentials;
  replies: Pick<Replies, "recordReply">;
  /** The clock's time, in milliseconds since the epoch. */
  at: () => number;
  logger: Logger;
  /**
   * Acts on a reply once it is stored (matching it to a page, acknowledging, posting it); run
   * after the answer is decided and never awaited by it. A reply posted again is not handed on.
   */
  onReply?: (reply: StoredReply) => Promise<void>;
}

const answer = (status: CallbackAnswer["status"], body: string): CallbackAnswer => ({
  status,
  body,
});

/**
 * Handles one POST body. 400 when it cannot be read as a form, 401 when the Username or PIN
 * is not ours (checked before any field is trusted), 400 when a reply field is missing, 200
 * once the reply is stored (a duplicate too), 500 when the store could not take it (csoft may
 * post it again). Credentials are never logged.
 */
export async function handleInbound(body: string, deps: InboundDeps): Promise<CallbackAnswer> {
  let parsed: InboundReply;
  try {
    const form = readForm(body);
    const given = { username: form.get("Username"), pin: form.get("PIN") };
    if (!callbackCredentialsMatch(given, deps.credentials)) {
      deps.logger.warn("two-way reply refused: Username or PIN is not the configured one");
      return answer(401, "Unauthorized");
    }
    parsed = parseInboundReply(body);
  } catch (error) {
    if (!(error instanceof FormError)) throw error;
    deps.logger.warn({ problem: error.message }, "two-way reply refused: not a csoft reply");
    return answer(400, `Bad Request: ${error.message}`);
  }
  try {
    await storeInboundReply(parsed, deps.at(), deps);
  } catch (error) {
    deps.logger.error({ err: error }, "could not store a two-way reply");
    return answer(500, "Internal Server Error");
  }
  return answer(200, "OK");
}

/**
 * Stores a reply csoft posted, then hands it on without waiting; resolves once it is stored
 * (csoft is answered only then) and throws when the store could not take it. A reply posted
 * again with the same MessageIdentifier is stored once and handed on once.
 */
export async function storeInboundReply(
  parsed: InboundReply,
  receivedAt: number,
  deps: Pick<InboundDeps, "replies" | "logger" | "onReply">,
): Promise<void> {
  const reply = toNewReply(parsed);
  const recorded = await deps.replies.recordReply(reply, receivedAt);
  if (recorded.duplicate) {
    deps.logger.info({ reply: recorded.id }, "two-way reply posted again; stored once");
    return;
  }
  const stored: StoredReply = { ...reply, id: recorded.id, receivedAt };
  deps.logger.info({ reply: stored.id }, "two-way reply stored");
  actAfter(stored, deps);
}

/** The reply as the store keeps it: the sender's number normalised as results record it. */
function toNewReply(parsed: InboundReply): NewReply {
  return {
    sender: normaliseNumber(parsed.replyTo) ?? parsed.replyTo,
    twoWayNumber: normaliseNumber(parsed.sendTo) ?? parsed.sendTo,
    message: parsed.message,
    ...(parsed.timestamp !== undefined && { sentAt: parsed.timestamp.getTime() }),
    ...(parsed.messageIdentifier !== undefined && { messageId: parsed.messageIdentifier }),
  };
}

function actAfter(stored: StoredReply, deps: Pick<InboundDeps, "logger" | "onReply">): void {
  if (deps.onReply === undefined) return;
  deps.onReply(stored).catch((error: unknown) => {
    deps.logger.error({ err: error, reply: stored.id }, "could not act on a two-way reply");
  });
}
