/**
 * The codes an adapter adds for its own platform's failures. Empty here: each adapter declares its
 * codes by merging into this interface through the kit, so the core names no platform and the
 * union stays closed (a typo is a type error).
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each adapter
export interface AdapterErrorCodes {}

/**
 * Every stable code the product throws with. Callers and operators switch on these; messages may
 * be reworded, codes may not (the csoft ones and USAGE, SURFACE, CONFIG, CONTACTS, and the codes
 * adapters add, are documented API).
 */
export type ErrorCode = CoreErrorCode | keyof AdapterErrorCodes;

/** The codes of the core's own errors. */
export type CoreErrorCode =
  /** csoft answered the whole request with a report code (e.g. invalid login). */
  | "CSOFT_REPORT"
  /** No csoft server could be reached: nothing was sent. */
  | "CSOFT_UNREACHABLE"
  /** The request reached csoft but its answer was lost: the pages' fate is unknown. */
  | "CSOFT_ANSWER_UNKNOWN"
  /** A body that is not a csoft answer. */
  | "CSOFT_NOT_A_RESPONSE"
  /** A csoft callback whose form body cannot be read. */
  | "CSOFT_BAD_FORM"
  /** A csoft server URL that is not one, or would send the PIN in clear. */
  | "CSOFT_BAD_URL"
  /** A send request csoft cannot be given (no number, a number not digits, a bad time). */
  | "CSOFT_BAD_REQUEST"
  /** A send on a client or connection that has been closed. */
  | "CSOFT_CLOSED"
  /** A command as typed cannot be run. */
  | "USAGE"
  /** A chat surface could not do what the page needed. */
  | "SURFACE"
  /** The environment's configuration is not valid. */
  | "CONFIG"
  /** The contacts directory file is not valid. */
  | "CONTACTS"
  /** A command-line argument the program does not understand. */
  | "ARGUMENT"
  /** An option given in code (not by a user) outside its range. */
  | "INVALID_OPTION"
  /** The durable store cannot be used as it is (a schema newer than this program). */
  | "STORE"
  /** This replica cannot reach its database, so it cannot record a page before sending it. */
  | "STORE_UNREACHABLE"
  /** Something that cannot happen did: a bug, not bad input. */
  | "INTERNAL";

/** The one base of the product's errors: a stable code, a message, and optionally its cause. */
export class ChatopsError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/**
 * The one answer to a command that broke for a reason not meant for its user (the reason is in
 * the log). It promises only what is sure: nothing beyond what was already reported was sent.
 */
export const COMMAND_FAILED_REPLY =
  "Something went wrong while handling this command; see the bot's log. Nothing more was sent.";
