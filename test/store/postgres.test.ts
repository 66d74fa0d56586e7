// The store contract on PostgreSQL: this file's own schema, emptied for each test; a second
// store on it is a second replica, or the same one after a restart.
import type { Store } from "../../src/store/index.js";
import { describePostgres, emptySchema, openStoreIn } from "../support/postgres.js";
import { describeStoreContract } from "./contract.js";

describePostgres("PostgreSQL", (schema) => {
  describeStoreContract("PostgreSQL", async () => {
    await emptySchema(schema());
    const opened: Store[] = [];
    const open = async (options?: { replicaId?: string }) => {
      const store = await openStoreIn(schema(), options);
      opened.push(store);
      return store;
    };
    return {
      store: await open(),
      reopen: open,
      cleanup: async () => {
        await Promise.allSettled(opened.map((store) => store.close()));
      },
    };
  });
});
