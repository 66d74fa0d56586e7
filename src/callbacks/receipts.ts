import { parseDeliveryReceipt } from "../csoft/receipt.js";
import type { Deliveries } from "../delivery/service.js";
import type { HealthRoute } from "../health/routes.js";
import { type CallbackOptions, callbackRoute } from "./route.js";

/** Where our HTTP server takes csoft's delivery receipts, on PORT (the simulator posts there too). */
export const RECEIPTS_PATH = "/csoft/receipts";

/** `POST /csoft/receipts`: csoft's delivery receipts, stored before they are answered. */
export function receiptsRoute(deliveries: Deliveries, options: CallbackOptions): HealthRoute {
  return callbackRoute(
    RECEIPTS_PATH,
    parseDeliveryReceipt,
    (receipt) => deliveries.receive(receipt),
    options,
  );
}
