import { Agent, request } from "undici";
import { type Clock, systemClock } from "../clock.js";
import { DEFAULT_SIMULATOR_RECEIPT_DELAY_MS } from "../defaults.js";
import { CSOFT_CONTENT_TYPE, percentEncode } from "./encode.js";

/** The delivery receipt the simulator posts for a message, chosen by the number's last digit. */
export interface SimulatedReceiptRule {
  /** The number's last digit; null for every number no other row matches. */
  endsWith: string | null;
  report: number;
  text: string;
}

/** The simulator's receipt rules, in the order they are tried (the README cites them). */
export const SIMULATED_RECEIPTS: readonly SimulatedReceiptRule[] = [
  { endsWith: "9", report: 27, text: "Expired at the message centre" },
  { endsWith: "7", report: -4, text: "Handed to the message centre" },
  { endsWith: null, report: 0, text: "Delivered" },
];

/** A message the simulator accepted, which a receipt is due for. */
export interface AcceptedMessage {
  id: string;
  number: string;
}

/** Where and how the simulator posts receipts: what csoft's Delivery Receipts screen holds. */
export interface ReceiptTarget {
  url: string;
  /** Sent as csoft does: the literal `NULL` when left empty. */
  username?: string;
  pin?: string;
  /** After accepting a message; default DEFAULT_SIMULATOR_RECEIPT_DELAY_MS. */
  delayMs?: number;
  /** Whose timers count the delay and whose time is Timestamp1; systemClock by default. */
  clock?: Clock;
}

/** One receipt posted, and what came of it. */
export interface PostedReceipt {
  body: string;
  /** The HTTP status answered; undefined when the request failed (`error` says how). */
  status?: number;
  error?: string;
}

/** Receipts go out a few at a time: 3,500 at once would be a flood, not csoft's behaviour. */
const CONNECTIONS = 8;
const NULL_FIELD = "NULL";

export function simulatedReceipt(number: string): SimulatedReceiptRule {
  const rule = SIMULATED_RECEIPTS.find(
    (row) => row.endsWith === null || number.endsWith(row.endsWith),
  );
  return rule ?? (SIMULATED_RECEIPTS.at(-1) as SimulatedReceiptRule);
}

/** csoft's `Timestamp1`: `YYYY-MM-DDTHH:MM:SSZ`. */
const timestamp1 = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** The receipt's form body, in the order csoft's page lists the fields. */
export function receiptBody(target: ReceiptTarget, message: AcceptedMessage, at: number): string {
  const { report, text } = simulatedReceipt(message.number);
  const fields: [string, string][] = [
    ["Username", target.username || NULL_FIELD],
    ["PIN", target.pin || NULL_FIELD],
    ["SendTo", message.number],
    ["MessageIdentifier", message.id],
    ["Report", String(report)],
    ["Text", text],
    ["Timestamp1", timestamp1(at)],
  ];
  return fields.map(([name, value]) => `${name}=${percentEncode(value)}`).join("&");
}

/**
 * Posts a receipt for each accepted message to the target, after the delay. Every receipt is
 * posted once and never retried; `posted` tells what came of each, in the order they finished.
 */
export class ReceiptPoster {
  readonly posted: PostedReceipt[] = [];
  readonly #target: ReceiptTarget;
  readonly #clock: Clock;
  readonly #agent = new Agent({ connections: CONNECTIONS });
  readonly #timers = new Set<() => void>();
  readonly #sending = new Set<Promise<void>>();
  #closing: Promise<void> | undefined;

  constructor(target: ReceiptTarget) {
    this.#target = target;
    this.#clock = target.clock ?? systemClock;
  }

  /** One timer for the messages of one request: they were accepted together. */
  schedule(messages: readonly AcceptedMessage[]): void {
    if (this.#closing || messages.length === 0) return;
    const cancel = this.#clock.setTimer(() => {
      this.#timers.delete(cancel);
      for (const message of messages) this.#track(this.#post(message));
    }, this.#target.delayMs ?? DEFAULT_SIMULATOR_RECEIPT_DELAY_MS);
    this.#timers.add(cancel);
  }

  /** Receipts not yet due are dropped; those being posted are let finish. Safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
    await Promise.allSettled(this.#sending);
    await this.#agent.close();
  }

  #track(sending: Promise<void>): void {
    this.#sending.add(sending);
    void sending.finally(() => this.#sending.delete(sending));
  }

  async #post(message: AcceptedMessage): Promise<void> {
    const body = receiptBody(this.#target, message, this.#clock.now());
    try {
      const response = await request(this.#target.url, {
        dispatcher: this.#agent,
        method: "POST",
        headers: { "content-type": CSOFT_CONTENT_TYPE },
        body,
      });
      await response.body.dump();
      this.posted.push({ body, status: response.statusCode });
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      this.posted.push({ body, error: typeof code === "string" ? code : String(error) });
    }
  }
}
