import type { Engine } from "../engine.js";
import { iso } from "../schema.js";
import type { RequestKeys } from "../types.js";

/** Request keys: a primary key makes the claim one atomic insert, across processes too. */
export function requestKeys({ db }: Engine): RequestKeys {
  return {
    async claimRequest(key, at) {
      const inserted = await db
        .insertInto("request_keys")
        .values({ key, received_at: iso(at) })
        .onConflict((conflict) => conflict.column("key").doNothing())
        .executeTakeFirst();
      return inserted.numInsertedOrUpdatedRows === 1n;
    },
    async releaseRequest(key) {
      await db.deleteFrom("request_keys").where("key", "=", key).execute();
    },
    async forgetRequestsBefore(at) {
      const deleted = await db
        .deleteFrom("request_keys")
        .where("received_at", "<", iso(at))
        .executeTakeFirst();
      return Number(deleted.numDeletedRows);
    },
  };
}
