import { type RateLimit, rateWait } from "../../access/rate-limit.js";
import type { Engine } from "../engine.js";
import { iso } from "../schema.js";
import type { NewPage, PageHistory, PageState, Person, RateWindows } from "../types.js";
import type { Queryable } from "./rows.js";

/** The states of a page recorded for sending: those a rate window counts. */
const SENT_STATES: PageState[] = ["sending", "completed", "interrupted"];

const RESULTS_PER_INSERT = 500;

type PageFields = Omit<NewPage, "numbers" | "addressBooks" | "options"> & {
  replicaId?: string | undefined;
  numbers?: readonly string[];
  addressBooks?: readonly string[];
  options?: unknown;
  state: PageState;
  reason?: string;
};

export type PageWrites = Pick<
  PageHistory,
  "recordPage" | "completePage" | "refusePage" | "recordDeclined" | "markInterrupted"
> &
  RateWindows;

async function insertPage(db: Queryable, fields: PageFields, at: number): Promise<number> {
  const { id } = await db
    .insertInto("pages")
    .values({
      request_key: fields.requestKey ?? null,
      platform: fields.actor.platform,
      actor_id: fields.actor.id,
      actor_name: fields.actor.name,
      channel_id: fields.channelId ?? null,
      created_at: iso(at),
      recipients: JSON.stringify(fields.recipients),
      numbers: JSON.stringify(fields.numbers ?? []),
      address_books: JSON.stringify(fields.addressBooks ?? []),
      message: fields.message,
      options: JSON.stringify(fields.options ?? {}),
      state: fields.state,
      reason: fields.reason ?? null,
      resend_of: fields.resendOf ?? null,
      replica_id: fields.replicaId ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

async function waitFor(db: Queryable, who: Person, at: number, limit: RateLimit): Promise<number> {
  const rows = await db
    .selectFrom("pages")
    .select("created_at")
    .where("platform", "=", who.platform)
    .where("actor_id", "=", who.id)
    .where("state", "in", SENT_STATES)
    .where("created_at", ">", iso(at - limit.windowMs))
    .orderBy("created_at", "desc")
    .limit(limit.count)
    .execute();
  return rateWait(
    rows.map(({ created_at }) => Date.parse(created_at)),
    limit,
    at,
  );
}

/** Ends a page still sending: a late completion never overwrites an interruption. */
async function finish(
  db: Queryable,
  id: number,
  state: PageState,
  reason: string | null,
  at: number,
): Promise<number> {
  const updated = await db
    .updateTable("pages")
    .set((eb) => ({
      state,
      reason: eb.fn.coalesce(eb.val(reason), "reason"),
      completed_at: iso(at),
    }))
    .where("id", "=", id)
    .where("state", "=", "sending")
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** The writes of the page history, and the rate windows it holds; pages name `replicaId`. */
export function pageWrites(engine: Engine, replicaId?: string): PageWrites {
  const { db } = engine;
  const insert = (q: Queryable, fields: PageFields, at: number) =>
    insertPage(q, { ...fields, replicaId }, at);
  // The count and the insert are one step: the engine holds off the person's other writers.
  const recordWithin = (page: NewPage, at: number, limit: RateLimit) =>
    db.transaction().execute(async (trx) => {
      await engine.lockPerson(trx, page.actor);
      const retryInMs = await waitFor(trx, page.actor, at, limit);
      if (retryInMs > 0) return { recorded: false as const, retryInMs };
      return {
        recorded: true as const,
        id: await insert(trx, { ...page, state: "sending" }, at),
      };
    });
  return {
    recordPage: async (newPage, at, limit) =>
      limit === undefined
        ? { recorded: true, id: await insert(db, { ...newPage, state: "sending" }, at) }
        : recordWithin(newPage, at, limit),
    completePage: (id, results, at) =>
      db.transaction().execute(async (trx) => {
        // In slices: a page to a thousand numbers stays under every engine's parameter limit.
        for (let from = 0; from < results.length; from += RESULTS_PER_INSERT) {
          const slice = results.slice(from, from + RESULTS_PER_INSERT);
          await trx
            .insertInto("results")
            .values(
              slice.map((r) => ({
                page_id: id,
                recipient: r.recipient,
                report_code: r.reportCode,
                outcome: r.outcome,
                meaning: r.meaning,
                message_id: r.messageId,
                server: r.server,
                recorded_at: iso(at),
              })),
            )
            .execute();
        }
        await finish(trx, id, "completed", null, at);
      }),
    async refusePage(id, reason, at) {
      await finish(db, id, "refused", reason, at);
    },
    recordDeclined: (declined, at) =>
      engine.writeLazily((lazy) =>
        insert(lazy, { ...declined, recipients: declined.recipients ?? [] }, at),
      ),
    async markInterrupted(at, ids) {
      if (ids?.length === 0) return 0;
      let update = db
        .updateTable("pages")
        .set({ state: "interrupted", completed_at: iso(at) })
        .where("state", "=", "sending");
      if (ids !== undefined) update = update.where("id", "in", ids);
      return Number((await update.executeTakeFirst()).numUpdatedRows);
    },
    rateWait: (who, at, limit) => waitFor(db, who, at, limit),
  };
}
