// Two-way SMS state: replies as csoft posted them, who acknowledged a page first, and the
// escalation steps still to fire. Times are milliseconds since the epoch, as in types.ts.

/** A reply as csoft posted it to /csoft/inbound, stored before anything acts on it. */
export interface NewReply {
  /** Who texted in (csoft's ReplyTo), international digits. */
  sender: string;
  /** Our two-way number it was sent to (csoft's SendTo). */
  twoWayNumber: string;
  message: string;
  /** csoft's Timestamp1, when given. */
  sentAt?: number;
  /** csoft's MessageIdentifier, when given: the same one posted again is the same reply. */
  messageId?: string;
}

export interface ReplyRow extends NewReply {
  id: number;
  receivedAt: number;
  /** The page it answers, once matched; null when it matched none. */
  pageId: number | null;
}

/** The reply's row; `duplicate` when csoft posted this MessageIdentifier before. */
export interface RecordedReply {
  id: number;
  duplicate: boolean;
}

export type AckVia = "sms" | "button";

/** Who acknowledged a page, how and when. */
export interface Acknowledgement {
  pageId: number;
  via: AckVia;
  /** A name for the thread: the directory's name, the chat user, or the number. */
  by: string;
  /** The reply that acknowledged, for an SMS. */
  replyId?: number;
  at: number;
}

/** The first acknowledgement wins, once; it cancels the steps still pending in the same step. */
export type AckResult =
  | { kind: "acknowledged"; cancelledSteps: number }
  | { kind: "already"; first: Acknowledgement };

export interface Replies {
  /** Stores a reply; one posted again with the same MessageIdentifier is stored once. */
  recordReply(reply: NewReply, at: number): Promise<RecordedReply>;
  /** Records the page a reply answers. */
  matchReply(replyId: number, pageId: number): Promise<void>;
  reply(id: number): Promise<ReplyRow | undefined>;
  repliesTo(pageId: number): Promise<ReplyRow[]>;
  /**
   * Pages that reached `number` since `since` (a result other than failed) and are not
   * acknowledged, newest first: the pages a reply from that number may answer.
   */
  openPagesTo(number: string, since: number): Promise<number[]>;
}

export interface Acknowledgements {
  /**
   * Records the first acknowledgement of a page and cancels its pending escalation steps, as
   * one atomic step: of two at once (an SMS and a button, two processes), one wins.
   */
  acknowledge(ack: Acknowledgement): Promise<AckResult>;
  acknowledgement(pageId: number): Promise<Acknowledgement | undefined>;
}

export type TimerState = "pending" | "fired" | "cancelled";

/** One escalation step of a page: when nobody has acknowledged by `dueAt`, page `recipients`. */
export interface NewTimer {
  /** The first page: acknowledging it, or any escalation of it, cancels the step. */
  pageId: number;
  /** 1 for the first step of the policy, in order. */
  step: number;
  dueAt: number;
  /** As the step names them: people, groups, numbers. */
  recipients: string[];
  /** `on_failure`: fire at once when the page failed for every number of its step. */
  onFailure: boolean;
}

export interface TimerRow extends NewTimer {
  id: number;
  state: TimerState;
  /** When it was claimed to fire, or cancelled. */
  endedAt: number | null;
  /** The page the step sent, once sent. */
  escalationPageId: number | null;
}

/**
 * Escalation steps as durable rows: they survive a restart, and each fires once, whichever
 * process claims it (claimTimer is one conditional update).
 */
export interface EscalationTimers {
  scheduleTimers(timers: readonly NewTimer[], at: number): Promise<void>;
  /** Pending steps due by `at`, earliest first. */
  dueTimers(at: number, limit?: number): Promise<TimerRow[]>;
  /** When the earliest pending step falls due; undefined when none is pending. */
  nextDue(): Promise<number | undefined>;
  /** Moves a pending step to fired: true for exactly one caller, false once fired or cancelled. */
  claimTimer(id: number, at: number): Promise<boolean>;
  /** Records the page a fired step sent: the escalation's link to the first page. */
  linkEscalation(timerId: number, escalationPageId: number): Promise<void>;
  /**
   * Brings the pending `on_failure` steps of a page forward to `at`: the page failed for every
   * number, so waiting for an acknowledgement is pointless. Returns how many.
   */
  hastenFailureSteps(pageId: number, at: number): Promise<number>;
  /** Cancels a page's pending steps; returns how many. */
  cancelTimers(pageId: number, at: number): Promise<number>;
  timersOf(pageId: number): Promise<TimerRow[]>;
  /** The first page of an escalation page's chain; the page itself when it escalates nothing. */
  firstPageOf(pageId: number): Promise<number>;
}

export interface TwoWayStore extends Replies, Acknowledgements, EscalationTimers {}
