/** A two-way reply csoft POSTs to /csoft/inbound (callbacks/inbound.ts): stored, then acted on. */
import { normaliseNumber } from "../command/index.js";
import type { InboundReply } from "../csoft/inbound.js";
import type { Logger } from "../log.js";
import type { NewReply, Replies } from "../store/twoway-types.js";

/** A reply as stored, handed on to whatever acts on it once csoft has its answer. */
export interface StoredReply extends NewReply {
  id: number;
  receivedAt: number;
}

export interface InboundDeps {
  replies: Pick<Replies, "recordReply">;
  logger: Logger;
  /**
   * Acts on a reply once it is stored (matching it to a page, acknowledging, posting it); run
   * after the answer is decided and never awaited by it. A reply posted again is not handed on.
   */
  onReply?: (reply: StoredReply) => Promise<void>;
}

/**
 * Stores a reply csoft posted, then hands it on without waiting; resolves once it is stored
 * (csoft is answered only then) and throws when the store could not take it. A reply posted
 * again with the same MessageIdentifier is stored once and handed on once.
 */
export async function storeInboundReply(
  parsed: InboundReply,
  receivedAt: number,
  deps: InboundDeps,
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
