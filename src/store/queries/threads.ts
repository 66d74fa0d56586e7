import type { Engine } from "../engine.js";
import { iso } from "../schema.js";
import type { DeliveryReceipts } from "../types.js";

/** Where each page's thread is: one row per page, written once it is announced. */
export function pageThreads(engine: Engine): Pick<DeliveryReceipts, "saveThread" | "pageThread"> {
  const { db } = engine;
  return {
    async saveThread(pageId, { platform, thread }, at) {
      const values = { platform, thread: JSON.stringify(thread), saved_at: iso(at) };
      await db
        .insertInto("page_threads")
        .values({ page_id: pageId, ...values })
        .onConflict((c) => c.column("page_id").doUpdateSet(values))
        .execute();
    },
    async pageThread(pageId) {
      const row = await db
        .selectFrom("page_threads")
        .select(["platform", "thread"])
        .where("page_id", "=", pageId)
        .executeTakeFirst();
      return row && { platform: row.platform, thread: JSON.parse(row.thread) as unknown };
    },
  };
}
