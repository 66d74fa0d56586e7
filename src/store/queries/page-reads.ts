import type { Engine } from "../engine.js";
import type { PageHistory, PageRow, ResendSource } from "../types.js";
import type { PageWrites } from "./pages.js";
import { type PageRecord, readOptions, toPage, toResult } from "./rows.js";

export type PageReads = Omit<PageHistory, keyof PageWrites>;

/** Pages as read back: select them with `select()`, then complete each with `read()`. */
export function pageRows(engine: Engine) {
  const { db } = engine;
  const select = () => pagesWithCount(engine);
  const read = async (record: PageRecord): Promise<PageRow> => {
    const rows = await db
      .selectFrom("results")
      .select(["outcome", (eb) => eb.fn.countAll().as("n")])
      .where("page_id", "=", record.id)
      .groupBy("outcome")
      .execute();
    const counts: PageRow["counts"] = {};
    for (const { outcome, n } of rows) counts[outcome as keyof PageRow["counts"]] = Number(n);
    return toPage(record, counts);
  };
  return { select, read };
}

/** The reads of the page history: pages with their result counts, results, what a resend needs. */
export function pageReads(engine: Engine): PageReads {
  const { db } = engine;
  const { select: pages, read: withCounts } = pageRows(engine);
  const results = () => db.selectFrom("results").selectAll("results");
  const page = async (id: number) => {
    const record = await pages().where("id", "=", id).executeTakeFirst();
    return record && withCounts(record);
  };
  return {
    recentPages: async (limit) =>
      Promise.all((await pages().orderBy("id", "desc").limit(limit).execute()).map(withCounts)),
    page,
    resendSource: async (id) => resendSource(engine, await page(id), id),
    resultsByMessageId: async (messageId) =>
      (await results().where("message_id", "=", messageId).orderBy("rowid", "desc").execute()).map(
        toResult,
      ),
    resultsByRecipient: async (recipient, limit) =>
      (
        await results()
          .where("recipient", "=", recipient)
          .orderBy("rowid", "desc")
          .limit(limit)
          .execute()
      ).map(toResult),
    unfinishedPagesTo: async (number, limit) =>
      Promise.all(
        (
          await pages()
            .where("state", "in", ["sending", "interrupted"])
            .where(engine.pagesNumbersHold(number))
            .orderBy("id", "desc")
            .limit(limit)
            .execute()
        ).map(withCounts),
      ),
  };
}

/** The pages table with the columns a PageRow reads. */
function pagesWithCount(engine: Engine) {
  return (
    engine.db
      .selectFrom("pages")
      .select([
        "id",
        "platform",
        "actor_id",
        "actor_name",
        "channel_id",
        "created_at",
        "recipients",
        "address_books",
        "message",
        "state",
        "reason",
        "completed_at",
        "resend_of",
        "replica_id",
      ])
      // A page's numbers are only counted here: the database counts them, not JavaScript.
      .select(engine.numberCount().as("number_count"))
  );
}

/** What a resend needs: the page, its options, and its numbers whose fate is unknown. */
async function resendSource(
  engine: Engine,
  found: PageRow | undefined,
  id: number,
): Promise<ResendSource | undefined> {
  const { db } = engine;
  const stored = await db
    .selectFrom("pages")
    .select(["options", "numbers"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (found === undefined || stored === undefined) return undefined;
  const unknown = await db
    .selectFrom("results")
    .select("recipient")
    .where("page_id", "=", id)
    .where("outcome", "=", "unknown")
    .execute();
  const left = new Set(unknown.map(({ recipient }) => recipient));
  // In the order paged; an address book's result is named by its label, never in `numbers`.
  const numbers = JSON.parse(stored.numbers) as string[];
  return {
    page: found,
    options: readOptions(stored.options),
    unknownNumbers: numbers.filter((number) => left.has(number)),
  };
}
