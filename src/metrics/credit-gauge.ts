import { Gauge, type Registry } from "prom-client";
import type { Credit, CreditSource } from "../csoft/account.js";

export interface CreditMetrics {
  /** Sets csoft_available_credit from a balance just read. Never throws. */
  observeCredit(credit: Credit): void;
}

/** Registers csoft_available_credit: the last balance read, by currency. */
export function registerCreditMetrics(registry: Registry): CreditMetrics {
  const gauge = new Gauge({
    name: "csoft_available_credit",
    help: "The csoft account's balance as last read (/sms credit, the low-credit check, a code 15), by currency.",
    labelNames: ["currency"] as const,
    registers: [registry],
  });
  return {
    observeCredit(credit) {
      gauge.set({ currency: credit.currency ?? "" }, credit.amount);
    },
  };
}

/** The same source, telling `observe` of every balance it reads. */
export function observedCredit(
  source: CreditSource,
  observe: (credit: Credit) => void,
): CreditSource {
  return {
    async queryCredit() {
      const credit = await source.queryCredit();
      observe(credit);
      return credit;
    },
  };
}
