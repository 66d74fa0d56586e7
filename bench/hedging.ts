// The hedged connect and the warm-up arrive together in the client; until then their rows say so.
import { CsoftClient, type CsoftClientOptions } from "../src/csoft/client.js";

export const HEDGING_AVAILABLE =
  typeof (CsoftClient.prototype as { warm?: unknown }).warm === "function";

export const NOT_MEASURED = "not measured (hedging not available)";

/** The client option that sets the hedge delay (0: hedging off). */
export const hedgeDelay = (hedgeDelayMs: number) =>
  ({ hedgeDelayMs }) as Partial<CsoftClientOptions>;
