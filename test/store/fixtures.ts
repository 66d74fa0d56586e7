// What the contract tests share: the store under test, and pages and results to store.
import type { NumberResult } from "../../src/csoft/types.js";
import type { Actor } from "../../src/page/types.js";
import type { NewPage, Store } from "../../src/store/index.js";

export interface StoreUnderTest {
  store: Store;
  /**
   * Another store on the same database: a second process, or the same one after a restart;
   * with a replica id, one replica among several.
   */
  reopen(options?: { replicaId?: string }): Promise<Store>;
  /** Closes every store opened and removes the database. */
  cleanup(): Promise<void>;
}

export type MakeStore = () => Promise<StoreUnderTest>;

export const AT = Date.parse("2026-11-25T03:00:00Z");
export const LATER = AT + 2_000;
export const alice: Actor = { platform: "slack", id: "U1", name: "<@U1>" };
export const bob: Actor = { platform: "slack", id: "U2", name: "<@U2>" };

export const newPage: NewPage = {
  actor: alice,
  channelId: "C1",
  requestKey: "slack:1.2.3",
  recipients: ["alice", "447700900102"],
  numbers: ["447700900101", "447700900102"],
  addressBooks: [],
  message: "db1 is down",
  options: { flash: true },
};

export function result(recipient: string, messageId: string | null, code: number | null = -2) {
  const outcome = code === null ? "unknown" : code === -2 ? "accepted" : "failed";
  return {
    recipient,
    reportCode: code,
    scheme: code === null ? null : "report",
    outcome,
    meaning: outcome,
    csoftText: "",
    messageId,
    server: code === null ? null : "primary",
  } as NumberResult;
}

/** Records a page with no limit, and gives its id. */
export async function record(store: Store, page: NewPage = newPage, at = AT): Promise<number> {
  const recorded = await store.recordPage(page, at);
  if (!recorded.recorded) throw new Error("recordPage without a limit must record");
  return recorded.id;
}
