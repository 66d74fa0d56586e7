import { Agent, request } from "undici";
import { type Logger, silentLogger } from "../log.js";
import { type CreditBalance, decodeCreditAnswer } from "./account-answer.js";
import { asError } from "./connector.js";
import { CSOFT_CONTENT_TYPE, percentEncode } from "./encode.js";
import {
  CsoftProtocolError,
  CsoftReportError,
  CsoftUnreachableError,
  type ServerFailure,
} from "./errors.js";
import { parseServerUrl } from "./server-url.js";
import type { Credentials, ServerName } from "./types.js";

/** The balance, and which server told it. */
export interface Credit extends CreditBalance {
  server: ServerName;
}

/** A balance, or why it could not be read (secret-free words). */
export type CreditRead = { kind: "read"; credit: Credit } | { kind: "unread"; reason: string };

/** What reads the account's balance; CsoftAccount implements it. */
export interface CreditSource {
  queryCredit(): Promise<Credit>;
}

export interface CsoftAccountOptions {
  credentials: Credentials;
  /** The sendsms URLs; the account query goes to the same servers. */
  primaryUrl: string;
  secondaryUrl: string;
  /** The sending client's time-outs (the configuration's, so both follow one setting). */
  connectTimeoutMs: number;
  responseTimeoutMs: number;
  logger?: Logger;
}

export const QUERY_ACCOUNT_PATH = "/webservices/http/queryaccount";
/** A balance is a line; anything bigger is some other page. */
const MAX_ANSWER_BYTES = 64 * 1024;
const SERVERS: readonly ServerName[] = ["primary", "secondary"];

/**
 * The account-query URL beside a sendsms URL: its last path segment `sendsms` becomes
 * `queryaccount` (so a proxy prefix is kept); any other path is replaced by csoft's own
 * `/webservices/http/queryaccount` on the same origin.
 */
export function queryAccountUrl(sendSmsUrl: string, label: ServerName): URL {
  const url = parseServerUrl(sendSmsUrl, label);
  url.pathname = url.pathname.endsWith("/sendsms")
    ? url.pathname.replace(/sendsms$/, "queryaccount")
    : QUERY_ACCOUNT_PATH;
  return url;
}

/** Short, secret-free words for a failed read; error codes only, never raw messages. */
function failureReason(error: unknown, options: CsoftAccountOptions): string {
  if (error instanceof CsoftProtocolError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "UND_ERR_CONNECT_TIMEOUT")
    return `no connection within ${options.connectTimeoutMs} ms`;
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return `no answer within ${options.responseTimeoutMs} ms`;
  }
  return `the request failed (${typeof code === "string" ? code : asError(error).name})`;
}

/**
 * csoft's account query. A read changes nothing at csoft, so unlike a send it is asked of the
 * secondary after any failure of the primary; only an answer with a report code (a bad login)
 * is final, since the secondary would give the same.
 */
export class CsoftAccount implements CreditSource {
  readonly #options: CsoftAccountOptions;
  readonly #urls: Record<ServerName, URL>;
  readonly #agent: Agent;
  readonly #logger: Logger;

  constructor(options: CsoftAccountOptions) {
    this.#options = options;
    this.#urls = {
      primary: queryAccountUrl(options.primaryUrl, "primary"),
      secondary: queryAccountUrl(options.secondaryUrl, "secondary"),
    };
    this.#agent = new Agent({
      connect: { timeout: options.connectTimeoutMs },
      headersTimeout: options.responseTimeoutMs,
      bodyTimeout: options.responseTimeoutMs,
      maxResponseSize: MAX_ANSWER_BYTES,
    });
    this.#logger = options.logger ?? silentLogger();
  }

  async queryCredit(): Promise<Credit> {
    const failures: ServerFailure[] = [];
    for (const server of SERVERS) {
      try {
        return { ...(await this.#ask(server)), server };
      } catch (error) {
        if (error instanceof CsoftReportError) throw error;
        const reason = failureReason(error, this.#options);
        failures.push({ server, reason, error: asError(error) });
        this.#logger.warn({ server, reason }, "csoft account query failed");
      }
    }
    throw new CsoftUnreachableError(failures);
  }

  close(): Promise<void> {
    return this.#agent.close();
  }

  async #ask(server: ServerName): Promise<CreditBalance> {
    const { username, pin } = this.#options.credentials;
    const response = await request(this.#urls[server], {
      dispatcher: this.#agent,
      method: "POST",
      headers: { "content-type": CSOFT_CONTENT_TYPE },
      // The order csoft's page gives: Username, PIN, then the empty field that asks.
      body: `Username=${percentEncode(username)}&PIN=${percentEncode(pin)}&AvailableCredit=`,
    });
    if (response.statusCode >= 500) {
      await response.body.dump().catch(() => undefined);
      throw new CsoftProtocolError(`HTTP ${response.statusCode}`);
    }
    return decodeCreditAnswer(await response.body.text(), server);
  }
}
