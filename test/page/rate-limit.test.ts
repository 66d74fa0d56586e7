// The rate limit counts pages sent: questions cancelled, expired or refused take no slot.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SurfaceError } from "../../src/page/errors.js";
import { createPager } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import type { Store } from "../../src/store/index.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

let clock: ManualClock;
let csoft: LocalCsoft;
let surface: RecordingSurface;
let dir: StoreDir;

beforeEach(async () => {
  clock = manualClock();
  csoft = await startLocalCsoft();
  surface = recordingSurface();
  dir = tempStoreDir("rate-limit-");
});

afterEach(async () => {
  await csoft.close();
  await dir.remove();
});

/** A pager on the data directory: a second call is the bot restarted, or another replica. */
function pager(store: Store = dir.open()) {
  return createPager({
    store,
    transport: csoft.client,
    clock,
    rateLimit: { count: 2, windowMs: 600_000 },
  });
}

const ctx = (): CommandContext => ({
  actor: { platform: "slack", id: "U1", name: "<@U1>" },
  surface,
  channelId: "C1",
});

/** 11 numbers: more than the default 10, so the page asks first. */
const LARGE = Array.from({ length: 11 }, (_, i) => `4477009${String(100 + i).padStart(5, "0")}`);

describe("the rate limit counts pages sent", () => {
  it("takes no slot for cancelled questions: after two, a real page is sent", async () => {
    const run = pager();
    surface.confirmWith = "cancelled";
    await runText(run, `${LARGE.join(",")} one`, ctx());
    await runText(run, `${LARGE.join(",")} two`, ctx());
    expect(csoft.simulator.requests).toEqual([]);
    surface.confirmWith = "confirmed";
    await runText(run, "447700900101 real", ctx());
    expect(csoft.simulator.requests).toHaveLength(1);
    expect(surface.privateReplies.join("\n")).not.toMatch(/Too many pages/);
  });

  it("takes no slot for an expired question nor a page the chat refused to post", async () => {
    const run = pager();
    surface.confirmWith = "wait";
    const asked = runText(run, `${LARGE.join(",")} one`, ctx());
    await until(() => clock.pending() === 1);
    clock.advance(300_000);
    await asked;
    surface.failAnnounceWith = new SurfaceError("I am not a member of #ops.");
    await runText(run, "447700900101 two", ctx());
    delete surface.failAnnounceWith;
    await runText(run, "447700900101 three", ctx());
    await runText(run, "447700900101 four", ctx());
    expect(csoft.simulator.requests).toHaveLength(2);
    expect(surface.privateReplies.join("\n")).not.toMatch(/Too many pages/);
  });

  it("refuses the third page sent within the window, saying the wait in minutes", async () => {
    const run = pager();
    await runText(run, "447700900101 one", ctx());
    clock.advance(7_000);
    await runText(run, "447700900101 two", ctx());
    await runText(run, "447700900101 three", ctx());
    expect(csoft.simulator.requests).toHaveLength(2);
    expect(surface.privateReplies).toEqual([
      "Too many pages: at most 2 per 10 min each. Try again in 10 min. Nothing was sent.",
    ]);
  });

  it("refuses before asking when the limit is already reached", async () => {
    const run = pager();
    await runText(run, "447700900101 one", ctx());
    await runText(run, "447700900101 two", ctx());
    await runText(run, `${LARGE.join(",")} three`, ctx());
    expect(surface.questions).toEqual([]);
    expect(surface.privateReplies).toEqual([expect.stringMatching(/^Too many pages/)]);
  });

  it("keeps counting across a restart: two pages, a restart, and the third is refused", async () => {
    const first = dir.open();
    const before = pager(first);
    await runText(before, "447700900101 one", ctx());
    await runText(before, "447700900101 two", ctx());
    await before.shutdown(0);
    await first.close();
    clock.advance(60_000);
    await runText(pager(), "447700900101 three", ctx());
    expect(csoft.simulator.requests).toHaveLength(2);
    expect(surface.privateReplies).toEqual([
      "Too many pages: at most 2 per 10 min each. Try again in 9 min. Nothing was sent.",
    ]);
  });

  it("counts pages by one person on two processes sharing the store", async () => {
    await runText(pager(), "447700900101 one", ctx());
    await runText(pager(), "447700900101 two", ctx());
    await runText(pager(), "447700900101 three", ctx());
    expect(csoft.simulator.requests).toHaveLength(2);
  });

  it("lets only the pages that fit through when one person sends several at once", async () => {
    const [a, b] = [pager(), pager()];
    await Promise.all([
      runText(a, "447700900101 one", ctx()),
      runText(b, "447700900102 two", ctx()),
      runText(a, "447700900103 three", ctx()),
      runText(b, "447700900104 four", ctx()),
    ]);
    expect(csoft.simulator.requests).toHaveLength(2);
    expect(surface.privateReplies).toHaveLength(2);
    for (const reply of surface.privateReplies) expect(reply).toMatch(/^Too many pages/);
  });
});
