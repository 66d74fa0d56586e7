import { type InboundReply, parseInboundReply } from "../csoft/inbound.js";
import type { HealthRoute } from "../health/routes.js";
import { type CallbackHandler, type CallbackOptions, callbackRoute } from "./route.js";

export const INBOUND_PATH = "/csoft/inbound";

/** `POST /csoft/inbound`: csoft's two-way replies, stored before they are answered. */
export function inboundRoute(
  receive: CallbackHandler<InboundReply>,
  options: CallbackOptions,
): HealthRoute {
  return callbackRoute(INBOUND_PATH, parseInboundReply, receive, options);
}
