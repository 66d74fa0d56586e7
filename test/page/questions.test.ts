// Stored confirmation questions: a large page asked through one pager is a row in the store,
// and whichever pager receives the click (another process, or this one after a restart)
// claims it once and sends it.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createPager, type Pager, type PagerDeps } from "../../src/page/pager.js";
import type {
  CommandContext,
  QuestionClick,
  StoredQuestion,
  Surface,
} from "../../src/page/types.js";
import { CONFIRM_REPLIES } from "../../src/report/confirm.js";
import type { Store } from "../../src/store/index.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type ManualClock, manualClock } from "../support/manual-timer.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

const TIMEOUT_MS = 5 * 60_000;
const LARGE = Array.from({ length: 12 }, (_, i) => `4477009003${String(i).padStart(2, "0")}`);
const COMMAND = `${LARGE.join(",")} db1 is down --flash`;

/** A chat surface with buttons: it shows stored questions and never waits for an answer. */
interface ChatSurface extends RecordingSurface {
  asked: StoredQuestion[];
}

function chatSurface(): ChatSurface {
  const { confirm: _inProcessOnly, ...surface } = recordingSurface();
  const chat: ChatSurface = Object.assign(surface, {
    asked: [] as StoredQuestion[],
    async ask(question: StoredQuestion) {
      chat.asked.push(question);
    },
  });
  return chat;
}

/** A click, and what the clicker was told about it. */
function click(questionId: string, answer: "confirmed" | "cancelled" = "confirmed") {
  const told: string[] = [];
  const closed: string[] = [];
  const event: QuestionClick = {
    questionId,
    answer,
    replyToClicker: async (text) => void told.push(text),
    closeQuestion: async (how) => void closed.push(how),
  };
  return { event, told, closed };
}

const ctxOf = (surface: Surface, id = "U1"): CommandContext => ({
  actor: { platform: "slack", id, name: `<@${id}>` },
  surface,
  channelId: "C1",
});

let csoft: LocalCsoft;
let dir: StoreDir;
let clock: ManualClock;

beforeEach(async () => {
  csoft = await startLocalCsoft();
  dir = tempStoreDir("questions-");
  clock = manualClock(Date.now());
});

afterEach(async () => {
  await csoft.close();
  await dir.remove();
});

/** A pager on the shared data directory: each is another process, or a restart. */
function process(deps: Partial<PagerDeps> = {}): { pager: Pager; store: Store } {
  const store = dir.open();
  const pager = createPager({ transport: csoft.client, store, clock, ...deps });
  return { pager, store };
}

async function ask(pager: Pager, surface = chatSurface()) {
  expect(await runText(pager, COMMAND, ctxOf(surface))).toBe("done");
  expect(surface.asked).toHaveLength(1);
  return { surface, question: surface.asked[0] as StoredQuestion };
}

describe("stored confirmation questions", () => {
  it("stores the question with the whole page, sends nothing, and ends the command", async () => {
    const { pager, store } = process();
    const { surface, question } = await ask(pager);
    expect(question.text).toMatch(/this pages 12 numbers/);
    expect(question.expiresAt.getTime()).toBe(clock.now() + TIMEOUT_MS);
    expect(await store.question(question.id)).toMatchObject({
      state: "open",
      requester: { platform: "slack", id: "U1" },
    });
    expect(surface.announcements).toEqual([]);
    expect(csoft.simulator.requests).toEqual([]);
    expect(await store.recentPages(5)).toEqual([]);
  });

  it("is sent once when clicked through another process; a second click there does nothing", async () => {
    const asker = process();
    const { question } = await ask(asker.pager);
    const other = process();
    const clicked = chatSurface();
    const first = click(question.id);
    await other.pager.answer(first.event, ctxOf(clicked));
    expect(first.closed).toEqual(["confirmed"]);
    expect(first.told).toEqual([]);
    expect(csoft.simulator.requests).toHaveLength(1);
    expect(csoft.simulator.requests[0]?.params.get("FlashMessage")).toBe("db1 is down");
    expect(csoft.simulator.requests[0]?.params.get("SendTo")).toBe(LARGE.join(","));
    expect(clicked.reports[0]?.results).toHaveLength(12);
    // Recorded as the command that asked: its requester, in the history every process reads.
    expect(await asker.store.recentPages(1)).toMatchObject([
      { state: "completed", actorId: "U1", channelId: "C1", numberCount: 12 },
    ]);

    for (const pager of [other.pager, asker.pager]) {
      const again = click(question.id);
      await pager.answer(again.event, ctxOf(chatSurface()));
      expect(again.told).toEqual([CONFIRM_REPLIES.stale]);
      expect(again.closed).toEqual([]);
    }
    expect(csoft.simulator.requests).toHaveLength(1);
  });

  it("lets two clicks at once, in two processes, send it once", async () => {
    const asker = process();
    const { question } = await ask(asker.pager);
    const other = process();
    const [a, b] = [click(question.id), click(question.id)];
    await Promise.all([
      asker.pager.answer(a.event, ctxOf(chatSurface())),
      other.pager.answer(b.event, ctxOf(chatSurface())),
    ]);
    expect(csoft.simulator.requests).toHaveLength(1);
    expect([...a.told, ...b.told]).toEqual([CONFIRM_REPLIES.stale]);
  });

  it("survives a restart until it expires, and is answered by the restarted process", async () => {
    const before = process();
    const { question } = await ask(before.pager);
    expect(await before.pager.shutdown(1_000)).toBe(0);
    await before.store.close();
    // Shutting down left it open, and no timer behind.
    expect(clock.pending()).toBe(0);

    clock.advance(TIMEOUT_MS - 1_000);
    const after = process();
    expect((await after.store.question(question.id))?.state).toBe("open");
    const clicked = chatSurface();
    await after.pager.answer(click(question.id).event, ctxOf(clicked));
    expect(csoft.simulator.requests).toHaveLength(1);
    expect(clicked.announcements).toHaveLength(1);
  });

  it("expires on the injected clock: the requester is told, it is recorded, a late click finds it gone", async () => {
    const { pager, store } = process();
    const { surface, question } = await ask(pager);
    clock.advance(TIMEOUT_MS - 1);
    expect(surface.privateReplies).toEqual([]);
    clock.advance(1);
    await expect.poll(() => surface.privateReplies).toEqual([CONFIRM_REPLIES.expired]);
    expect((await store.question(question.id))?.state).toBe("expired");
    await expect
      .poll(() => store.recentPages(1))
      .toMatchObject([{ state: "cancelled", reason: CONFIRM_REPLIES.expired, actorId: "U1" }]);

    const late = click(question.id);
    await process().pager.answer(late.event, ctxOf(chatSurface()));
    expect(late.told).toEqual([CONFIRM_REPLIES.stale]);
    expect(csoft.simulator.requests).toEqual([]);
  });

  it("tells someone else that it is not theirs, and leaves it open for its requester", async () => {
    const { pager } = process();
    const { question } = await ask(pager);
    const stranger = click(question.id);
    expect(await pager.answer(stranger.event, ctxOf(chatSurface(), "U2"))).toBe("failed");
    expect(stranger.told).toEqual([CONFIRM_REPLIES.notRequester("<@U1>")]);
    expect(stranger.closed).toEqual([]);
    expect(csoft.simulator.requests).toEqual([]);

    await pager.answer(click(question.id).event, ctxOf(chatSurface()));
    expect(csoft.simulator.requests).toHaveLength(1);
  });

  it("records a cancelled question and sends nothing", async () => {
    const { pager, store } = process();
    const { question } = await ask(pager);
    const clicked = chatSurface();
    const cancel = click(question.id, "cancelled");
    await process().pager.answer(cancel.event, ctxOf(clicked));
    expect(cancel.closed).toEqual(["cancelled"]);
    expect(clicked.privateReplies).toEqual([CONFIRM_REPLIES.cancelled]);
    expect(await store.recentPages(1)).toMatchObject([{ state: "cancelled" }]);
    // Its expiry later changes nothing and tells nobody.
    clock.advance(TIMEOUT_MS);
    await new Promise((resolve) => setImmediate(resolve));
    expect(csoft.simulator.requests).toEqual([]);
  });

  it("sends a confirmed page within the requester's rate limit, counted in the store", async () => {
    const rateLimit = { count: 1, windowMs: 10 * 60_000 };
    const { pager } = process({ rateLimit });
    const { question } = await ask(pager);
    await runText(pager, "447700900101 another page", ctxOf(chatSurface()));
    expect(csoft.simulator.requests).toHaveLength(1);
    const clicked = chatSurface();
    await process({ rateLimit }).pager.answer(click(question.id).event, ctxOf(clicked));
    expect(clicked.privateReplies).toEqual([expect.stringMatching(/Try again in/)]);
    expect(csoft.simulator.requests).toHaveLength(1);
  });
});
