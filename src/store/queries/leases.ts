import type { Engine } from "../engine.js";
import { iso } from "../schema.js";
import type { ReplicaLeases } from "../types.js";
import { pageRows } from "./page-reads.js";

/** Replica leases: a row per replica, renewed while it runs; taking over is one conditional update. */
export function replicaLeases(engine: Engine): ReplicaLeases {
  const { db } = engine;
  const { select, read } = pageRows(engine);
  return {
    async renewLease(replicaId, at) {
      await db
        .insertInto("replica_leases")
        .values({ replica_id: replicaId, renewed_at: iso(at) })
        .onConflict((conflict) =>
          conflict.column("replica_id").doUpdateSet({ renewed_at: iso(at) }),
        )
        .execute();
    },
    async takeOverExpired(at, leaseMs) {
      const cutoff = iso(at - leaseMs);
      const ids = await db.transaction().execute(async (trx) => {
        // Only pages still sending change: of two survivors at once, the second finds none.
        const taken = await trx
          .updateTable("pages")
          .set({ state: "interrupted", completed_at: iso(at) })
          .where("state", "=", "sending")
          .where("replica_id", "is not", null)
          .where("replica_id", "not in", (live) =>
            live
              .selectFrom("replica_leases")
              .select("replica_id")
              .where("renewed_at", ">=", cutoff),
          )
          .returning("id")
          .execute();
        // Expired leases have nothing left to take over; a replica that comes back renews anew.
        await trx.deleteFrom("replica_leases").where("renewed_at", "<", cutoff).execute();
        return taken.map(({ id }) => id);
      });
      if (ids.length === 0) return [];
      const records = await select().where("id", "in", ids).orderBy("id").execute();
      return Promise.all(records.map(read));
    },
  };
}
