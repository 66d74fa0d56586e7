import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openSqliteFile, openSqliteStore, type Store } from "../../src/store/index.js";

/** A private store in memory: each call a fresh one, gone with the test. */
export function memoryStore(): Store {
  return openSqliteFile(":memory:");
}

/** A data directory of its own, that several stores (processes) open and reopen. */
export interface StoreDir {
  readonly dir: string;
  /** Opens a store on the directory's file: call it again for another process, or a restart. */
  open(options?: { replicaId?: string }): Store;
  /** Closes every store opened here and removes the directory. */
  remove(): Promise<void>;
}

export function tempStoreDir(prefix = "store-"): StoreDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const opened: Store[] = [];
  return {
    dir,
    open(options = {}) {
      const store = openSqliteStore(dir, options.replicaId);
      opened.push(store);
      return store;
    },
    async remove() {
      // A store the test closed already throws on a second close: that is not a failure here.
      await Promise.allSettled(opened.map((store) => store.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
