import type { Engine } from "../engine.js";
import type { Store } from "../types.js";
import { replicaLeases } from "./leases.js";
import { pageReads } from "./page-reads.js";
import { pageWrites } from "./pages.js";
import { confirmationQuestions } from "./questions.js";
import { deliveryReceipts } from "./receipts.js";
import { replies } from "./replies.js";
import { requestKeys } from "./requests.js";
import { pageThreads } from "./threads.js";
import { escalationTimers } from "./timers.js";

/**
 * The store on an engine, written once for every engine. Each call first waits for `ready`
 * (the migrations), so that a store can be handed out before they finish; a failed migration
 * fails every call with its error. Pages it records name `replicaId`, when given. Closing the
 * store destroys the engine's connections.
 */
export function createStore(engine: Engine, ready: Promise<void>, replicaId?: string): Store {
  const store: Omit<Store, "close"> = {
    ...requestKeys(engine),
    ...pageWrites(engine, replicaId),
    ...replicaLeases(engine),
    ...pageReads(engine),
    ...confirmationQuestions(engine),
    ...replies(engine),
    ...escalationTimers(engine),
    ...deliveryReceipts(engine),
    ...pageThreads(engine),
  };
  const gated = Object.fromEntries(
    Object.entries(store).map(([name, method]) => [
      name,
      async (...args: unknown[]) => {
        await ready;
        return (method as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as Omit<Store, "close">;
  let closed = false;
  return {
    ...gated,
    async close() {
      if (closed) return;
      closed = true;
      await ready.catch(() => undefined);
      await engine.db.destroy();
    },
  };
}
