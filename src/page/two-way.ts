/** The pager's two-way side: escalation steps fired as they fall due, replies, the button. */
import { DEFAULT_ACK_WORDS, DEFAULT_REPLY_WINDOW_MS } from "../defaults.js";
import { createEscalationEngine } from "../escalation/engine.js";
import type { AckVia } from "../store/twoway-types.js";
import type { StoredReply } from "../twoway/inbound-handler.js";
import type { PagerContext } from "./context.js";
import { sendEscalation } from "./escalate.js";
import { escalateIfUndelivered } from "./escalation-steps.js";
import { acknowledgeByButton, type ButtonAck, type ReplyOutcome, receiveReply } from "./replies.js";
import type { ChannelNote, ShowAcknowledged, ThreadNote } from "./thread-notes.js";
import type { CommandContext } from "./types.js";

/** What a pager is given for two-way SMS and escalation; every one optional. */
export interface TwoWayDeps {
  /**
   * CSOFT_REPLY_TO: the account's two-way number, sent as every page's ReplyTo unless the
   * command names its own; pages then end with `Reply ACK <id>` when that fits.
   */
  replyTo?: string;
  /** SMS_ACK_WORDS: a reply starting with one acknowledges; ACK, OK, YES by default. */
  ackWords?: readonly string[];
  /** SMS_REPLY_WINDOW: how far back a reply looks for the page it answers; 24 h by default. */
  replyWindowMs?: number;
  /** Told of every acknowledgement that won (metrics), seconds after the first page; must not throw. */
  onAcknowledged?: (via: AckVia, seconds: number) => void;
  /** Told of every escalation step that paged (metrics); must not throw. */
  onEscalated?: () => void;
  /**
   * Posts in the thread of a stored page's first page, from any process (replies,
   * acknowledgements, escalations); false when no chat here reaches it.
   */
  threadNote?: ThreadNote;
  /** Shows who acknowledged by SMS on the page's parent message (a click shows it itself). */
  showAcknowledged?: ShowAcknowledged;
  /** Posts in SMS_INBOUND_CHANNEL, when it is set: where a reply matching no page goes. */
  inboundNote?: ChannelNote;
}

/** What a Pager offers for two-way SMS and escalation. */
export interface TwoWayPager {
  /** Fires escalation steps as they fall due, and at once those that fell due while stopped. */
  startEscalations(): Promise<void>;
  /** Acts on a reply POST /csoft/inbound stored: matches it to a page, and acknowledges. */
  receiveReply(reply: StoredReply): Promise<ReplyOutcome>;
  /** The Acknowledge button: acknowledges the page for everyone, once, and cancels its steps. */
  acknowledge(pageId: number, ctx: CommandContext): Promise<ButtonAck>;
  /**
   * A receipt said a number of this page never reached its handset: when none of its numbers
   * did, its chain's `on_failure` steps fire now. Never throws.
   */
  undelivered(pageId: number): Promise<void>;
}

/** The context's two-way fields, from the pager's deps. */
export function twoWayContext(deps: TwoWayDeps) {
  return {
    replyTo: deps.replyTo,
    escalations: undefined,
    threadNote: deps.threadNote,
    inboundNote: deps.inboundNote,
    showAcknowledged: deps.showAcknowledged,
    onAcknowledged: deps.onAcknowledged,
  };
}

export function twoWayPager(c: PagerContext, deps: TwoWayDeps): TwoWayPager {
  const settings = {
    ackWords: deps.ackWords ?? DEFAULT_ACK_WORDS,
    replyWindowMs: deps.replyWindowMs ?? DEFAULT_REPLY_WINDOW_MS,
  };
  return {
    async startEscalations() {
      if (c.escalations !== undefined || c.lifecycle.closing) return;
      c.escalations = createEscalationEngine({
        timers: c.store,
        clock: c.clock,
        logger: c.logger,
        pageStep: async (step, lateByMs) => {
          const page = await sendEscalation(c, step, lateByMs);
          if (page !== undefined) deps.onEscalated?.();
          return page;
        },
      });
      await c.escalations.start();
    },
    receiveReply: (reply) => receiveReply(c, settings, reply),
    acknowledge: (pageId, ctx) => acknowledgeByButton(c, pageId, ctx),
    undelivered: (pageId) => escalateIfUndelivered(c, pageId),
  };
}
