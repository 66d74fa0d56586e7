import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SurfaceError } from "../../src/page/errors.js";
import { createPager, type Pager } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import type { Store } from "../../src/store/index.js";
import { type LossyCsoft, sendsToLostNumber, startLossyCsoft } from "../support/lossy-csoft.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

// Numbers ending in 99 lose the answer of their request: sent to csoft, result unknown.
const LOST = "447700900199";
const WITH_LOST = "447700900123";

let csoft: LossyCsoft;
let dir: StoreDir;

beforeEach(async () => {
  csoft = await startLossyCsoft();
  csoft.losesAnswer = sendsToLostNumber;
  dir = tempStoreDir("resend-");
});

afterEach(async () => {
  await csoft.close();
  await dir.remove();
});

/** A pager on the shared history file: two of them are two processes (or replicas). */
function pagerOnSharedHistory(): { pager: Pager; history: Store } {
  const history = dir.open();
  return { pager: createPager({ transport: csoft.client, store: history }), history };
}

function contextFor(id: string, surface: RecordingSurface = recordingSurface()): CommandContext {
  return { actor: { platform: "slack", id, name: `<@${id}>` }, surface };
}

/** Pages the lost number, another in its request, and an address book csoft answers for. */
async function pageWithLostAnswers(pager: Pager, ctx: CommandContext) {
  await runText(pager, `${LOST},${WITH_LOST},book:Oncall db1 is down --flash`, ctx);
  const offers = (ctx.surface as RecordingSurface).offers;
  expect(offers).toHaveLength(1);
  csoft.losesAnswer = () => false;
  return offers[0] as NonNullable<(typeof offers)[0]>;
}

describe("resending to the numbers whose answer was lost", () => {
  it("offers the requester privately to resend exactly the unknown numbers, with a warning", async () => {
    const { pager } = pagerOnSharedHistory();
    const ctx = contextFor("U1");
    const offer = await pageWithLostAnswers(pager, ctx);

    expect(csoft.simulator.requests).toHaveLength(2);
    expect(offer).toMatchObject({
      pageId: 1,
      numbers: [LOST, WITH_LOST],
      label: "Resend to the 2 unknown numbers",
      command: "/sms resend 1",
    });
    expect(offer.text).toMatch(/may receive it twice/);
    expect(offer.text).toContain(`${LOST}, ${WITH_LOST}`);
  });

  it("resends once: exactly the unknown numbers, recorded as a page linked to the first", async () => {
    const { pager, history } = pagerOnSharedHistory();
    const ctx = contextFor("U1");
    const offer = await pageWithLostAnswers(pager, ctx);

    await pager.run({ kind: "resend", pageId: offer.pageId }, ctx);
    expect(csoft.simulator.requests).toHaveLength(3);
    const params = csoft.simulator.requests[2]?.params;
    expect(params?.get("SendTo")).toBe(`${LOST},${WITH_LOST}`);
    expect(params?.has("SendToAddressBook")).toBe(false);
    expect(params?.get("FlashMessage")).toBe("db1 is down");
    const surface = ctx.surface as RecordingSurface;
    expect(surface.reports[1]?.counts).toMatchObject({ accepted: 2, unknown: 0 });
    expect(await history.page(2)).toMatchObject({
      resendOf: 1,
      state: "completed",
      numberCount: 2,
    });

    await pager.run({ kind: "resend", pageId: offer.pageId }, ctx);
    expect(csoft.simulator.requests).toHaveLength(3);
    expect(surface.privateReplies.at(-1)).toMatch(/already resent.*nothing more was sent/);

    await runText(pager, `status ${WITH_LOST}`, ctx);
    expect(surface.privateReplies.at(-1)).toMatch(/#2 \(resend of #1 to its unknown numbers\)/);
    expect(surface.privateReplies.at(-1)).toMatch(/UNKNOWN/i);
  });

  it("resends once across processes sharing the history, even when both click at once", async () => {
    const first = pagerOnSharedHistory();
    const second = pagerOnSharedHistory();
    const ctx = contextFor("U1");
    const offer = await pageWithLostAnswers(first.pager, ctx);
    const elsewhere = contextFor("U1");

    await Promise.all([
      first.pager.run({ kind: "resend", pageId: offer.pageId }, ctx),
      second.pager.run({ kind: "resend", pageId: offer.pageId }, elsewhere),
    ]);

    expect(csoft.simulator.requests).toHaveLength(3);
    const replies = [
      ...(ctx.surface as RecordingSurface).privateReplies,
      ...(elsewhere.surface as RecordingSurface).privateReplies,
    ];
    expect(replies.filter((reply) => /already resent/.test(reply))).toHaveLength(1);
  });

  it("lets only the requester resend", async () => {
    const { pager } = pagerOnSharedHistory();
    const offer = await pageWithLostAnswers(pager, contextFor("U1"));
    const other = contextFor("U2");

    await pager.run({ kind: "resend", pageId: offer.pageId }, other);

    expect(csoft.simulator.requests).toHaveLength(2);
    expect((other.surface as RecordingSurface).privateReplies).toEqual([
      "Only the person who sent page #1 can resend it. Nothing was sent.",
    ]);
  });

  it("can still resend after the chat refused to post the resend, which sent nothing", async () => {
    const { pager } = pagerOnSharedHistory();
    const ctx = contextFor("U1");
    const offer = await pageWithLostAnswers(pager, ctx);
    const surface = ctx.surface as RecordingSurface;

    surface.failAnnounceWith = new SurfaceError("Not in this channel.");
    await pager.run({ kind: "resend", pageId: offer.pageId }, ctx);
    expect(csoft.simulator.requests).toHaveLength(2);
    delete surface.failAnnounceWith;
    await pager.run({ kind: "resend", pageId: offer.pageId }, ctx);

    expect(csoft.simulator.requests).toHaveLength(3);
  });

  it("offers nothing when every number has a result, and a typed resend says so", async () => {
    const { pager } = pagerOnSharedHistory();
    const ctx = contextFor("U1");
    await runText(pager, `${WITH_LOST} db1 is down`, ctx);
    const surface = ctx.surface as RecordingSurface;
    expect(surface.offers).toEqual([]);

    await runText(pager, "resend 1", ctx);
    expect(csoft.simulator.requests).toHaveLength(1);
    expect(surface.privateReplies).toEqual([
      "Page #1 has no numbers whose result is unknown: there is nothing to resend.",
    ]);
  });
});
