// The store contract on SQLite: a temporary data directory, reopened as a restart or a second process.
import { tempStoreDir } from "../support/store.js";
import { describeStoreContract } from "./contract.js";

describeStoreContract("SQLite", async () => {
  const dir = tempStoreDir("store-contract-");
  return {
    store: dir.open(),
    reopen: async (options) => dir.open(options),
    cleanup: () => dir.remove(),
  };
});
