/**
 * csoft's callbacks on PORT: form POSTs authenticated by the Username and PIN of csoft's
 * "Configure Services" screens. `callbackRoute(path, parse, handle)` is the plumbing every
 * callback shares (credentials in constant time, 400/401/413, store before answering 200).
 */
export { INBOUND_PATH, inboundRoute } from "./inbound.js";
export { RECEIPTS_PATH, receiptsRoute } from "./receipts.js";
export {
  type CallbackHandler,
  type CallbackOptions,
  type CallbackParser,
  callbackRoute,
} from "./route.js";
export { type CallbackRoutesOptions, callbackRoutes } from "./routes.js";
