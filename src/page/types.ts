import type { DeliveryOptions, MessageEncoding, RecipientRef } from "../command/types.js";
import type { NumberResult, Outcome, ServerName } from "../csoft/types.js";

/** Who typed the command. */
export interface Actor {
  /**
   * The platform, named by its adapter (the descriptor's name): the key of its allow-list and of
   * its ids in the contacts directory, and a column of the history.
   */
  platform: string;
  id: string;
  /** A human name for the parent message ("alice", "<@U123>"). */
  name: string;
}

/** The visible parent message of a page: who paged whom, with what. */
export interface PageAnnouncement {
  actor: Actor;
  /** Display labels of the recipients, in order: numbers, `book:Name::Group`, people and groups by name. */
  recipients: string[];
  message: string;
  options: DeliveryOptions;
  encoding: MessageEncoding;
  /**
   * Present when the page can be acknowledged (it has escalation steps, or replies come back):
   * a chat shows an Acknowledge button on the parent message carrying its history id, and a
   * click runs `Pager.acknowledge`.
   */
  acknowledge?: { pageId: number };
  /** Present when this page is an escalation step of an earlier page nobody acknowledged. */
  escalation?: EscalationMark;
}

/** What makes a page an escalation: the first page, its step, and how late it fired. */
export interface EscalationMark {
  /** The first page's history id. */
  of: number;
  /** 1 for the first step. */
  step: number;
  /** How long after its time it fired: more than a moment when no process ran at that time. */
  lateByMs: number;
}

/** One number's result, with the directory person it belongs to when it was paged by name. */
export interface PageResult extends NumberResult {
  person?: string;
}

/** Everything the thread reply says: one result per number and a summary. */
export interface PageReport {
  announcement: PageAnnouncement;
  /** Failures and unknowns first, then warnings, then successes; stable within each. */
  results: PageResult[];
  counts: Record<Outcome, number>;
  /** Servers that answered at least one batch. */
  servers: ServerName[];
  /** True when a batch reached the secondary because the primary could not be reached. */
  failedOver: boolean;
  /** Results of batches no csoft server could be reached for: never sent, safe to page again. */
  unreached: { results: number; reasons: string[] };
  requests: number;
  durationMs: number;
  /** Lines shown above everything else in the thread (out of credit, with the balance). */
  notices?: readonly string[];
}

/** What a dry run or `/sms who` shows: who would be paged, and how; nothing is sent. */
export interface PagePreview {
  /** Every number once, with its person when paged by name. */
  numbers: { number: string; person?: string }[];
  addressBooks: string[];
  /** Absent for `/sms who`, which has no message. */
  message?: {
    text: string;
    encoding: MessageEncoding;
    options: DeliveryOptions;
    /** The steps that would page more people if nobody acknowledged, in order. */
    escalation?: { afterMs: number; to: string[] }[];
  };
}

/**
 * Where a page's messages are, in the chat's own terms: JSON that only its adapter reads, kept
 * in the store so that any process can edit the report when delivery receipts come.
 */
export interface PostedReport {
  parent: unknown;
  /** The thread message that opens the report. */
  report: unknown;
}

/** A thread under a parent message, where results go. */
export interface Thread {
  /**
   * Where the thread is, in the chat's own terms (JSON only its adapter reads): stored before
   * the page is sent, so that any process can post in it (DeliveryEditor.threadAt). Absent: the
   * chat cannot be reached from another process (the terminal).
   */
  readonly where?: unknown;
  /**
   * Posts the results. Returns where they are when the chat can edit them later (delivery
   * receipts); nothing when it cannot (the terminal, or results only given privately).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a thread that keeps nothing just returns
  report(report: PageReport): Promise<PostedReport | undefined | void>;
  /**
   * A further message in the thread, after the report: low credit, numbers not delivered.
   * `mention`, a user id of this chat, is notified by it (an edit of the report notifies nobody).
   * Absent: none is posted.
   */
  note?(text: string, mention?: string): Promise<void>;
}

/** A large page, put to the person who typed it before anything is sent. */
export interface ConfirmQuestion {
  /** Plain text: what would be paged, and that it waits for an answer. */
  text: string;
  /** Only this person may answer. */
  actor: Actor;
  expiresAt: Date;
}

export type ConfirmAnswer = "confirmed" | "cancelled" | "expired";

/** A question kept in the store, answered by a click that any process may receive. */
export interface StoredQuestion extends ConfirmQuestion {
  /** What its buttons carry, for `Pager.answer`. */
  id: string;
}

/** A click on a stored question's button, as the adapter that received it hands it over. */
export interface QuestionClick {
  questionId: string;
  answer: "confirmed" | "cancelled";
  /** Tells the clicker alone: the question is gone, or is not theirs. */
  replyToClicker(text: string): Promise<void>;
  /** The click won the question: its buttons go (and say so when confirmed). */
  closeQuestion(answer: "confirmed" | "cancelled"): Promise<void>;
}

/**
 * A chat's own recipients (Slack people and user groups, Discord users): the core reads every
 * recipient token, and hands the tokens this resolver claims to it.
 */
export interface MentionResolver {
  /** True for a token of this chat's (a mention); the core reads every other token itself. */
  claims(token: string): boolean;
  /**
   * The recipients of each claimed token: numbers, or contact names. Throws a UsageError
   * (whose message the caller reads) naming every token it cannot page.
   */
  resolve(tokens: readonly string[]): Promise<ReadonlyMap<string, readonly RecipientRef[]>>;
}

/**
 * A page's answer was lost for some numbers: csoft may or may not have sent them the SMS.
 * Offered to the requester only (the core checks who takes it); taking it resends to exactly
 * those numbers, once.
 */
export interface ResendOffer {
  /** The page to resend (its history id). */
  pageId: number;
  /** The numbers whose result is unknown. */
  numbers: readonly string[];
  /** Plain text: what a resend does, and that those numbers may get the SMS twice. */
  text: string;
  /** The button: "Resend to the 2 unknown numbers". */
  label: string;
  /** The same as typed, for a surface without buttons: `/sms resend 42`. */
  command: string;
}

/** What a chat can do. Each adapter implements it; the core drives it. */
export interface Surface {
  /** Only the caller sees it: usage errors, help. */
  replyPrivately(text: string): Promise<void>;
  /** Post the visible parent message of a page, and return its thread. */
  announce(announcement: PageAnnouncement): Promise<Thread>;
  /**
   * Asks the caller to confirm in place, and waits (a terminal's y/N prompt: nobody else could
   * answer it, so it is never stored). The core owns the deadline: when `expired` aborts, the
   * question is over. Without `ask` or `confirm` this surface cannot ask, and a large page
   * needs `--yes`.
   */
  confirm?(question: ConfirmQuestion, expired: AbortSignal): Promise<ConfirmAnswer>;
  /**
   * Shows a stored question with buttons that carry its id, and returns once shown: the answer
   * comes later, through `Pager.answer`, in whichever process receives the click. Preferred
   * over `confirm` when both are given.
   */
  ask?(question: StoredQuestion): Promise<void>;
  /** Shows help in this chat's own form, from the core's; absent: the core's help, privately. */
  showHelp?(coreHelp: string): Promise<void>;
  /**
   * Shows the caller, privately, how to resend to the numbers left unknown (a button, or the
   * command to type). Taking it runs `Pager.resend`. Absent: nothing is offered.
   */
  offerResend?(offer: ResendOffer): Promise<void>;
}

export interface CommandContext {
  actor: Actor;
  surface: Surface;
  /**
   * The same for every delivery of one command (`<platform>:<the platform's delivery id>`):
   * a key seen before means a redelivery, and nothing is run again. None for the terminal.
   */
  requestKey?: string;
  /**
   * True when the adapter claimed `requestKey` on receipt (`Pager.claim`), before answering
   * anything: the run then does not claim it again.
   */
  claimed?: boolean;
  /** Where the command was typed, for permissions and the history. */
  channelId?: string;
  /** The platform's groups the actor belongs to (user groups, roles), for permissions. */
  groupIds?: readonly string[];
  /** Reads this chat's mentions among the recipients; absent: only the core's forms. */
  mentions?: MentionResolver;
  /**
   * The command's place among those in flight, taken by the adapter on receipt (`Pager.admit`)
   * and released by it; absent: the pager takes one itself for the command's run.
   */
  admission?: Admission;
}

/** Who typed a command and where: what the history records of a command turned away. */
export type CommandOrigin = Pick<CommandContext, "actor" | "requestKey" | "channelId">;

/** One command's place within the bound on commands in flight (`SMS_MAX_IN_FLIGHT`). */
export interface Admission {
  /** Gives the place back once the command is over; only the first call counts. */
  release(): void;
}
