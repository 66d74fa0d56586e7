import { type Clock, systemClock } from "../clock.js";
import type { CallbackCredentials } from "../csoft/callback-auth.js";
import type { InboundReply } from "../csoft/inbound.js";
import type { Deliveries } from "../delivery/service.js";
import type { HealthRoute } from "../health/routes.js";
import type { Logger } from "../log.js";
import { inboundRoute } from "./inbound.js";
import { receiptsRoute } from "./receipts.js";
import type { CallbackHandler } from "./route.js";

export interface CallbackRoutesOptions {
  /** CSOFT_CALLBACK_USERNAME and _PIN; undefined: no callback routes, so they answer 404. */
  credentials: CallbackCredentials | undefined;
  deliveries: Deliveries;
  /** Stores a two-way reply (resolving once stored); absent: /csoft/inbound is not served. */
  replies?: CallbackHandler<InboundReply>;
  logger: Logger;
  clock?: Clock;
}

/** Every csoft callback the bot serves on PORT, beside /healthz. */
export function callbackRoutes(options: CallbackRoutesOptions): HealthRoute[] {
  const { credentials, deliveries, logger } = options;
  if (credentials === undefined) return [];
  const clock = options.clock ?? systemClock;
  const shared = { credentials, logger, now: () => clock.now() };
  const inbound = options.replies && inboundRoute(options.replies, shared);
  return [receiptsRoute(deliveries, shared), ...(inbound ? [inbound] : [])];
}
