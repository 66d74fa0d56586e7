// The pager's safety rules, against the csoft simulator: who may page, how much, confirmation,
// exactly-once delivery, the history, and what a shutdown leaves behind.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OPEN_POLICY } from "../../src/access/policy.js";
import { createPager, type PagerDeps } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import type { Store } from "../../src/store/index.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

let clock: ManualClock;
let csoft: LocalCsoft;
let history: Store;

beforeEach(async () => {
  clock = manualClock();
  csoft = await startLocalCsoft();
  history = memoryStore();
});

afterEach(async () => {
  await csoft.close();
  await history.close();
});

function pagerWith(extra: Partial<PagerDeps> = {}) {
  return createPager({
    transport: csoft.client,
    store: history,
    clock,
    ...extra,
  });
}

function slackCtx(surface: RecordingSurface, extra: Partial<CommandContext> = {}): CommandContext {
  return {
    actor: { platform: "slack", id: "U1", name: "<@U1>" },
    surface,
    channelId: "C1",
    ...extra,
  };
}

const numbers = (count: number, from = 100) =>
  Array.from({ length: count }, (_, i) => `4477009${String(from + i).padStart(5, "0")}`);

describe("permissions", () => {
  const policy = {
    ...OPEN_POLICY,
    allowLists: {
      slack: {
        users: ["UBOSS"],
        groups: ["SONCALL"],
        channels: ["COPS"],
        groupsName: "user groups",
      },
    },
  };

  it("refuses a user who may not page: tells why, logs, records it, and sends nothing", async () => {
    const lines: string[] = [];
    const { createLogger } = await import("../../src/log.js");
    const logger = createLogger({ destination: { write: (line) => void lines.push(line) } });
    const surface = recordingSurface();
    await runText(pagerWith({ policy, logger }), "447700900101 db1 is down", slackCtx(surface));

    expect(surface.privateReplies).toEqual([expect.stringMatching(/not allowed to page/)]);
    expect(surface.announcements).toEqual([]);
    expect(csoft.simulator.requests).toEqual([]);
    expect(lines.join("")).toMatch(/"msg":"command refused"/);
    expect(await history.recentPages(5)).toEqual([
      expect.objectContaining({
        state: "refused",
        actorId: "U1",
        channelId: "C1",
        message: "447700900101 db1 is down",
        reason: expect.stringMatching(/not allowed/),
      }),
    ]);
  });

  it("lets a member of an allowed user group page, and refuses history to outsiders", async () => {
    const surface = recordingSurface();
    const pager = pagerWith({ policy });
    await runText(pager, "447700900101 hi", slackCtx(surface, { groupIds: ["SONCALL"] }));
    expect(csoft.simulator.requests).toHaveLength(1);
    await runText(pager, "history", slackCtx(surface));
    expect(surface.privateReplies.at(-1)).toMatch(/not allowed/);
  });

  it("refuses a command that reaches more numbers than allowed", async () => {
    const surface = recordingSurface();
    const pager = pagerWith({ policy: { ...OPEN_POLICY, maxRecipients: 2 } });
    await runText(pager, `${numbers(3).join(",")} hi --yes`, slackCtx(surface));
    expect(surface.privateReplies).toEqual([expect.stringMatching(/3 numbers; .* at most 2/)]);
    expect(csoft.simulator.requests).toEqual([]);
    expect((await history.recentPages(1))[0]?.state).toBe("refused");
  });

  it("limits pages per person per window, on the injected clock", async () => {
    const surface = recordingSurface();
    const pager = pagerWith({ rateLimit: { count: 2, windowMs: 600_000 } });
    await runText(pager, "447700900101 one", slackCtx(surface));
    await runText(pager, "447700900101 two", slackCtx(surface));
    await runText(pager, "447700900101 three", slackCtx(surface));
    expect(csoft.simulator.requests).toHaveLength(2);
    expect(surface.privateReplies).toEqual([expect.stringMatching(/Too many pages.*10 min/)]);
    // Someone else is not held back.
    await runText(
      pager,
      "447700900101 other",
      slackCtx(surface, { actor: { platform: "slack", id: "U2", name: "b" } }),
    );
    expect(csoft.simulator.requests).toHaveLength(3);
    clock.advance(600_000);
    await runText(pager, "447700900101 four", slackCtx(surface));
    expect(csoft.simulator.requests).toHaveLength(4);
  });
});

describe("confirmation of large pages", () => {
  it("does not ask for 10 numbers", async () => {
    const surface = recordingSurface();
    await runText(pagerWith(), `${numbers(10).join(",")} hi`, slackCtx(surface));
    expect(surface.questions).toEqual([]);
    expect(csoft.simulator.requests).toHaveLength(1);
  });

  it("asks for 11 numbers, and sends once confirmed", async () => {
    const surface = recordingSurface();
    await runText(pagerWith(), `${numbers(11).join(",")} db1 is down`, slackCtx(surface));
    expect(surface.questions).toEqual([
      expect.objectContaining({
        actor: expect.objectContaining({ id: "U1" }),
        text: expect.stringMatching(/this pages 11 numbers[\s\S]*expires in 5 minutes/),
        expiresAt: new Date(clock.now() + 300_000),
      }),
    ]);
    expect(csoft.simulator.requests).toHaveLength(1);
    expect((await history.recentPages(1))[0]?.state).toBe("completed");
  });

  it("asks for any address book", async () => {
    const surface = recordingSurface();
    surface.confirmWith = "cancelled";
    await runText(pagerWith(), "book:Oncall hi", slackCtx(surface));
    expect(surface.questions[0]?.text).toMatch(/every member of book:Oncall/);
    expect(surface.privateReplies).toEqual(["Cancelled: nothing was sent."]);
    expect(csoft.simulator.requests).toEqual([]);
    expect((await history.recentPages(1))[0]).toMatchObject({ state: "cancelled" });
  });

  it("expires after 5 minutes on the core's timer, sending nothing", async () => {
    const surface = recordingSurface();
    surface.confirmWith = "wait";
    const run = runText(pagerWith(), `${numbers(11).join(",")} hi`, slackCtx(surface));
    await until(() => clock.pending() === 1);
    clock.advance(299_999);
    expect(clock.pending()).toBe(1);
    clock.advance(1);
    await run;
    expect(surface.privateReplies).toEqual([expect.stringMatching(/expired .* nothing was sent/)]);
    expect(csoft.simulator.requests).toEqual([]);
    expect((await history.recentPages(1))[0]?.reason).toMatch(/expired/);
  });

  it("withdraws an open question at shutdown, sending nothing", async () => {
    const surface = recordingSurface();
    surface.confirmWith = "wait";
    const pager = pagerWith();
    const run = runText(pager, `${numbers(11).join(",")} hi`, slackCtx(surface));
    await until(() => surface.questions.length === 1);
    expect(await pager.shutdown(1_000)).toBe(0);
    await run;
    expect(surface.privateReplies).toEqual([
      expect.stringMatching(/shutting down: nothing was sent/),
    ]);
    expect(csoft.simulator.requests).toEqual([]);
    expect((await history.recentPages(1))[0]).toMatchObject({ state: "cancelled" });
  });

  it("follows a configured threshold", async () => {
    const surface = recordingSurface();
    await runText(pagerWith({ confirmAbove: 1 }), `${numbers(2).join(",")} hi`, slackCtx(surface));
    expect(surface.questions).toHaveLength(1);
  });

  it("needs --yes where the surface cannot ask (a piped terminal)", async () => {
    const surface = recordingSurface();
    const { confirm: _cannotAsk, ...piped } = surface;
    const ctx = { ...slackCtx(surface), surface: piped };
    const pager = pagerWith();
    await runText(pager, `${numbers(11).join(",")} hi`, ctx);
    expect(surface.privateReplies).toEqual([expect.stringMatching(/add --yes/)]);
    expect(csoft.simulator.requests).toEqual([]);
    await runText(pager, `${numbers(11).join(",")} hi --yes`, ctx);
    expect(csoft.simulator.requests).toHaveLength(1);
  });
});

describe("exactly once", () => {
  it("runs a command delivered twice with the same key once, and says nothing the second time", async () => {
    const surface = recordingSurface();
    const pager = pagerWith();
    const ctx = slackCtx(surface, { requestKey: "slack:1337.42.abc" });
    await Promise.all([
      runText(pager, "447700900101 hi", ctx),
      runText(pager, "447700900101 hi", ctx),
    ]);
    await runText(pager, "447700900101 hi", ctx);
    expect(csoft.simulator.requests).toHaveLength(1);
    expect(surface.announcements).toHaveLength(1);
    expect(surface.privateReplies).toEqual([]);
    await runText(pager, "447700900101 hi", { ...ctx, requestKey: "slack:other" });
    expect(csoft.simulator.requests).toHaveLength(2);
  });

  it("remembers keys in the store, so a new pager (a restart) does not run them again", async () => {
    const surface = recordingSurface();
    const ctx = slackCtx(surface, { requestKey: "discord:42" });
    await runText(pagerWith(), "447700900101 hi", ctx);
    await runText(pagerWith(), "447700900101 hi", ctx);
    expect(csoft.simulator.requests).toHaveLength(1);
  });
});

describe("history and status", () => {
  it("answers /sms history [n] and /sms status <messageId|number> privately", async () => {
    const surface = recordingSurface();
    const pager = pagerWith();
    await runText(pager, "447700900101,447700900115 db1 is down", slackCtx(surface));
    await runText(pager, "447700900102 db2 is down", slackCtx(surface));
    const id = surface.reports[0]?.results.find((r) => r.recipient === "447700900101")?.messageId;

    await runText(pager, "history", slackCtx(surface));
    expect(surface.privateReplies.at(-1)).toMatch(
      /^The last 2 pages, newest first:\n#2 2026-11-25 03:00Z slack <@U1> → 447700900102 "db2 is down": 1 accepted\n#1 .*"db1 is down": 1 FAILED, 1 accepted$/,
    );
    await runText(pager, "history 1", slackCtx(surface));
    expect(surface.privateReplies.at(-1)).toMatch(/^The last page:\n#2 /);

    await runText(pager, `status ${id}`, slackCtx(surface));
    expect(surface.privateReplies.at(-1)).toMatch(
      new RegExp(`accepted 447700900101  code -2 .* id ${id} \\(primary\\)[\\s\\S]*in #1 `),
    );
    await runText(pager, "status +44 7700 900115", slackCtx(surface));
    expect(surface.privateReplies.at(-1)).toMatch(/`status` takes one .* Example: \/sms status/);
    await runText(pager, "status +447700900115", slackCtx(surface));
    expect(surface.privateReplies.at(-1)).toMatch(/FAILED 447700900115 {2}code 15/);
    await runText(pager, "status 447700999999", slackCtx(surface));
    expect(surface.privateReplies.at(-1)).toMatch(/Nothing recorded for `447700999999`/);
    expect(csoft.simulator.requests).toHaveLength(2);
  });

  it("shows a page cut off by a crash as interrupted, by history and by number", async () => {
    await history.recordPage(
      {
        actor: { platform: "shell", id: "op", name: "op" },
        recipients: ["447700900101"],
        numbers: ["447700900101"],
        addressBooks: [],
        message: "cut off",
        options: { flash: false },
      },
      clock.now(),
    );
    await history.markInterrupted(clock.now());
    const surface = recordingSurface();
    const pager = pagerWith();
    await runText(pager, "history", slackCtx(surface));
    await runText(pager, "status 447700900101", slackCtx(surface));
    expect(surface.privateReplies[0]).toMatch(/"cut off": interrupted: state unknown, not resent/);
    expect(surface.privateReplies[1]).toMatch(/interrupted: state unknown, not resent/);
  });
});

describe("many at once", () => {
  it("completes 50 concurrent commands and records every one", async () => {
    const pager = pagerWith();
    const surfaces = Array.from({ length: 50 }, () => recordingSurface());
    await Promise.all(
      surfaces.map((surface, i) =>
        runText(pager, `${numbers(1, i)[0]} page ${i}`, {
          ...slackCtx(surface, { requestKey: `slack:${i}` }),
          actor: { platform: "slack", id: `U${i}`, name: `u${i}` },
        }),
      ),
    );
    expect(surfaces.map((surface) => surface.privateReplies)).toEqual(surfaces.map(() => []));
    expect(surfaces.every((surface) => surface.reports.length === 1)).toBe(true);
    expect(csoft.simulator.requests).toHaveLength(50);
    const pages = await history.recentPages(50);
    expect(pages).toHaveLength(50);
    const resultsPerPage = pages.map((page) =>
      Object.values(page.counts).reduce((sum, n) => sum + n, 0),
    );
    expect(pages.every((page) => page.state === "completed")).toBe(true);
    expect(resultsPerPage).toEqual(pages.map(() => 1));
    expect(new Set(pages.map((page) => page.message)).size).toBe(50);
  });
});

describe("shutdown", () => {
  it("lets pages in flight finish within the grace period", async () => {
    await csoft.close();
    csoft = await startLocalCsoft({ latencyMs: 100 });
    const { simulator } = csoft;
    // The grace period never runs out on the test's clock: the page finishes on its own.
    const pager = pagerWith({ transport: csoft.client });
    const surface = recordingSurface();
    const run = runText(pager, "447700900101 hi", slackCtx(surface));
    await until(() => simulator.requests.length === 1);
    expect(await pager.shutdown(5_000)).toBe(0);
    await run;
    expect((await history.recentPages(1))[0]?.state).toBe("completed");
  });

  it("records pages still unanswered after the grace period as interrupted, and takes no more", async () => {
    await csoft.simulator.setFault("hang");
    const pager = pagerWith();
    const surface = recordingSurface();
    void runText(pager, "447700900101 hi", slackCtx(surface));
    await until(() => csoft.simulator.requests.length === 1);
    const stopping = pager.shutdown(10_000);
    await until(() => clock.pending() === 1);
    clock.advance(10_000);
    expect(await stopping).toBe(1);
    expect((await history.recentPages(1))[0]?.state).toBe("interrupted");

    await runText(pager, "447700900102 late", slackCtx(surface));
    expect(surface.privateReplies).toEqual([expect.stringMatching(/shutting down/)]);
    expect(csoft.simulator.requests).toHaveLength(1);
    // The hung request holds the client's pool open until the simulator drops it.
    const { client, simulator } = csoft;
    await simulator.close();
    csoft = { ...csoft, close: () => client.close() };
  });
});
