/** The balance around pages: the CSOFT_LOW_CREDIT warning after them, and the balance beside code 15. */
import type { Clock } from "../clock.js";
import type { CreditRead, CreditSource } from "../csoft/account.js";
import { CsoftError } from "../csoft/errors.js";
import { LOW_CREDIT_CHECK_INTERVAL_MS, OUT_OF_CREDIT_BALANCE_WAIT_MS } from "../defaults.js";
import type { Logger } from "../log.js";
import { renderLowCredit, renderOutOfCredit } from "../report/credit.js";
import type { PageReport, PageResult } from "./types.js";

/** csoft's report code for a message refused because the account has no credit left. */
export const OUT_OF_CREDIT = 15;

export interface CreditWatchOptions {
  source: CreditSource;
  clock: Clock;
  logger: Logger;
  /** CSOFT_LOW_CREDIT; without it the balance is not read after pages. */
  lowCredit?: number | undefined;
}

const isOutOfCredit = (result: PageResult): boolean =>
  result.scheme === "report" && result.reportCode === OUT_OF_CREDIT;

export class CreditWatch {
  readonly #options: CreditWatchOptions;
  /** When the last check after a page started: one a minute, whatever the page rate. */
  #lastCheck: number | undefined;

  constructor(options: CreditWatchOptions) {
    this.#options = options;
  }

  /**
   * The warning to post in the thread of the page just sent, when the balance is below
   * CSOFT_LOW_CREDIT; undefined when it is not, when it was checked within the last minute,
   * or when it cannot be read (logged).
   */
  async afterPage(): Promise<string | undefined> {
    const { lowCredit, clock, logger } = this.#options;
    if (lowCredit === undefined) return undefined;
    const now = clock.now();
    if (this.#lastCheck !== undefined && now - this.#lastCheck < LOW_CREDIT_CHECK_INTERVAL_MS) {
      return undefined;
    }
    this.#lastCheck = now;
    const read = await this.#read();
    if (read.kind === "unread" || read.credit.amount >= lowCredit) return undefined;
    const { amount, currency, server } = read.credit;
    logger.warn({ balance: amount, currency, lowCredit, server }, "csoft credit is low");
    return renderLowCredit(read.credit, lowCredit);
  }

  /**
   * The report with a notice at its top when csoft answered any number with code 15, with the
   * balance when it can be read within OUT_OF_CREDIT_BALANCE_WAIT_MS; else the report as it is.
   */
  async noticeOutOfCredit(report: PageReport): Promise<PageReport> {
    const refused = report.results.filter(isOutOfCredit).length;
    if (refused === 0) return report;
    const read = await this.#readWithin(OUT_OF_CREDIT_BALANCE_WAIT_MS);
    const notice = renderOutOfCredit(refused, read);
    return { ...report, notices: [notice, ...(report.notices ?? [])] };
  }

  async #read(): Promise<CreditRead> {
    try {
      return { kind: "read", credit: await this.#options.source.queryCredit() };
    } catch (error) {
      // Around a page that went out: a broken read is logged, never a reason to lose its report.
      const told = error instanceof CsoftError;
      const log = this.#options.logger;
      if (told) log.warn({ err: error }, "could not read the csoft credit");
      else log.error({ err: error }, "the csoft credit query broke");
      return { kind: "unread", reason: told ? error.message : "the query broke (logged)" };
    }
  }

  #readWithin(ms: number): Promise<CreditRead> {
    return new Promise((resolve) => {
      const cancel = this.#options.clock.setTimer(
        () => resolve({ kind: "unread", reason: `no answer within ${ms} ms` }),
        ms,
      );
      void this.#read().then((read) => {
        cancel();
        resolve(read);
      });
    });
  }
}
