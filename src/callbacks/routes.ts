import { type Clock, systemClock } from "../clock.js";
import type { CallbackCredentials } from "../csoft/callback-auth.js";
import type { Deliveries } from "../delivery/service.js";
import type { HealthRoute } from "../health/routes.js";
import type { Logger } from "../log.js";
import { receiptsRoute } from "./receipts.js";

export interface CallbackRoutesOptions {
  /** CSOFT_CALLBACK_USERNAME and _PIN; undefined: no callback routes, so they answer 404. */
  credentials: CallbackCredentials | undefined;
  deliveries: Deliveries;
  logger: Logger;
  clock?: Clock;
}

/** Every csoft callback the bot serves on PORT, beside /healthz. */
export function callbackRoutes(options: CallbackRoutesOptions): HealthRoute[] {
  const { credentials, deliveries, logger } = options;
  if (credentials === undefined) return [];
  const clock = options.clock ?? systemClock;
  const shared = { credentials, logger, now: () => clock.now() };
  return [receiptsRoute(deliveries, shared)];
}
