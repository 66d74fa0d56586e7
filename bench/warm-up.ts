// The warm-up (a connection opened while a page's command is still being handled) may be missing
// from the client; until it is there, the row that depends on it says so instead of failing.
import { CsoftClient } from "../src/csoft/client.js";

export const WARM_UP_AVAILABLE =
  typeof (CsoftClient.prototype as { warm?: unknown }).warm === "function";

export const WARM_UP_MISSING = "not judged (warm-up not available)";
