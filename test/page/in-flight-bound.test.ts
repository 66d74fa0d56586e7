import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseCommand } from "../../src/command/index.js";
import { createPager, type Pager } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import type { Store } from "../../src/store/index.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { until } from "../support/manual-timer.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

// Long enough that two pages are still waiting on csoft while the next command comes in.
const CSOFT_LATENCY_MS = 500;

let csoft: LocalCsoft;
let history: Store;
let pager: Pager;

beforeEach(async () => {
  csoft = await startLocalCsoft({ latencyMs: CSOFT_LATENCY_MS });
  history = memoryStore();
  pager = createPager({ transport: csoft.client, store: history, maxInFlight: 2 });
});

afterEach(async () => {
  await csoft.close();
  await history.close();
});

function someone(id: string): CommandContext & { surface: RecordingSurface } {
  return {
    actor: { platform: "slack", id, name: id },
    surface: recordingSurface(),
    requestKey: id,
  };
}

describe("the bound on pages in flight", () => {
  it("refuses a page beyond the bound, sends nothing for it, and takes pages again once one is done", async () => {
    const first = runText(pager, "447700900101 db1 is down", someone("a"));
    const second = runText(pager, "447700900102 db1 is down", someone("b"));
    await until(() => csoft.simulator.requests.length === 2);

    const third = someone("c");
    await runText(pager, "447700900103 db1 is down", third);
    expect(third.surface.privateReplies).toEqual([
      "The bot is busy with 2 pages; nothing was sent — try again in a minute.",
    ]);
    expect(third.surface.announcements).toEqual([]);
    expect(csoft.simulator.requests).toHaveLength(2);
    expect((await history.recentPages(1))[0]).toMatchObject({
      state: "refused",
      actorId: "c",
      reason: expect.stringMatching(/busy with 2 pages/),
    });
    // Nothing was claimed for it: the same command delivered again is run, not dropped.
    expect(await history.claimRequest("c", Date.now())).toBe(true);

    await Promise.all([first, second]);
    const fourth = someone("d");
    await runText(pager, "447700900104 db1 is down", fourth);
    expect(fourth.surface.privateReplies).toEqual([]);
    expect(fourth.surface.reports).toHaveLength(1);
    expect(csoft.simulator.requests.map((request) => request.params.get("SendTo"))).toEqual([
      "447700900101",
      "447700900102",
      "447700900104",
    ]);
  });

  it("counts a command admitted by its adapter once, from its admission until the adapter releases it", async () => {
    const first = pager.admit();
    const second = pager.admit();
    expect(first).toBeDefined();
    expect(second).toBeDefined();
    expect(pager.admit()).toBeUndefined();

    // Run under its own admission, a command is not counted a second time.
    const a = someone("a");
    if (first !== undefined)
      await runText(pager, "447700900101 db1 is down", { ...a, admission: first });
    expect(a.surface.privateReplies).toEqual([]);
    expect(a.surface.reports).toHaveLength(1);

    // Its adapter has not released it yet: the bound is still reached.
    const b = someone("b");
    await runText(pager, "447700900102 db1 is down", b);
    expect(b.surface.privateReplies).toEqual([
      "The bot is busy with 2 pages; nothing was sent — try again in a minute.",
    ]);
    expect(
      pager.turnAwayBusy(parseCommand("447700900103 db1 is down"), {
        ...someone("c"),
        channelId: "C1",
      }),
    ).toBe("The bot is busy with 2 pages; nothing was sent — try again in a minute.");
    await until(async () => (await history.recentPages(1))[0]?.state === "refused");
    expect((await history.recentPages(1))[0]).toMatchObject({
      state: "refused",
      actorId: "c",
      channelId: "C1",
      reason: expect.stringMatching(/busy with 2 pages/),
    });
    expect(await history.claimRequest("c", Date.now())).toBe(true);

    // Released twice, it gives back one place only.
    first?.release();
    first?.release();
    expect(pager.admit()).toBeDefined();
    expect(pager.admit()).toBeUndefined();
    expect(csoft.simulator.requests.map((request) => request.params.get("SendTo"))).toEqual([
      "447700900101",
    ]);
  });
});
