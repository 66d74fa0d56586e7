// Delivery receipts in Slack: the real Bolt App pages through the simulator; receipts posted to
// /csoft/receipts update the report message with chat.update and mention the requester.
import { afterEach, describe, expect, it } from "vitest";
import { deliveryMessage } from "../../adapters/slack/index.js";
import { createDeliveries, type Deliveries } from "../../src/delivery/service.js";
import { createThreadPoster, type ThreadPoster } from "../../src/delivery/threads.js";
import { deliveryView } from "../../src/delivery/view.js";
import type { Store } from "../../src/store/index.js";
import {
  postReceipt,
  receiptBody,
  receiptFields,
  startCallbackServer,
} from "../support/receipts.js";
import { memoryStore } from "../support/store.js";
import { CALLER, CHANNEL, type Harness, postCommand, startHarness } from "./harness.js";

let closeAll: (() => Promise<void>) | undefined;

afterEach(async () => {
  await closeAll?.();
  closeAll = undefined;
});

async function start(): Promise<{
  h: Harness;
  store: Store;
  deliveries: Deliveries;
  threads: ThreadPoster;
  url: string;
}> {
  const store = memoryStore();
  const threads = createThreadPoster(store);
  const deliveries = createDeliveries({
    store,
    threads,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const h = await startHarness("http", {
    pager: { store, onReported: deliveries.pageReported, confirmAbove: 10_000 },
  });
  deliveries.attach("slack", h.bot.deliveryEditor);
  const server = await startCallbackServer(deliveries);
  closeAll = async () => {
    await server.close();
    await deliveries.close();
    await h.close();
  };
  return { h, store, deliveries, threads, url: server.url };
}

async function page(h: Harness, store: Store, to: string) {
  expect((await postCommand(h, h.slashCommand(`${to} db1 is down`, "rcpt"))).status).toBe(200);
  await h.slack.until(() => h.slack.callsOf("chat.postMessage").some((c) => c.params.thread_ts));
  // The report is posted, then where it is stored.
  let messages = await store.chatMessages(1);
  for (let i = 0; messages === undefined && i < 200; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    messages = await store.chatMessages(1);
  }
  return store.pageDeliveries(1);
}

describe("delivery receipts in Slack", () => {
  it("updates the report in place with both states, and mentions the requester of a failure", async () => {
    const { h, store, url } = await start();
    const [first, second] = await page(h, store, "447700900101,447700900102");
    for (const [n, report] of [
      [first, 0],
      [second, 27],
    ] as const) {
      const fields = receiptFields(n?.messageId ?? "", n?.recipient ?? "", report);
      expect((await postReceipt(url, receiptBody(fields))).status).toBe(200);
    }
    const updated = () => h.slack.callsOf("chat.update").filter((c) => c.answer.ok);
    const mentions = () =>
      h.slack
        .callsOf("chat.postMessage")
        .filter((c) => c.params.thread_ts && String(c.params.text).includes(`<@${CALLER}>`));
    await h.slack.until(
      () =>
        mentions().length === 1 &&
        JSON.stringify(updated().at(-1)?.params).includes("1 not delivered"),
    );
    const reportTs = h.slack.callsOf("chat.postMessage").find((c) => c.params.thread_ts)?.answer.ts;
    const last = updated().at(-1)?.params;
    expect(last?.ts).toBe(reportTs);
    const shown = JSON.stringify(last);
    expect(shown).toContain("delivered 1 of 2, 1 not delivered, 0 waiting");
    expect(shown).toContain("447700900101");
    expect(shown).toContain("NOT DELIVERED");
    expect(shown).toContain("code 27");
    const reply = mentions()[0]?.params;
    expect(reply?.thread_ts).toBe(h.slack.callsOf("chat.postMessage")[0]?.answer.ts);
    expect(String(reply?.text)).toContain("447700900102");
    expect(h.slack.callsOf("chat.update").every((c) => c.answer.ok)).toBe(true);
  });

  it("keeps where the page's thread is, and another process's note lands in that thread", async () => {
    const { h, store, threads } = await start();
    await page(h, store, "447700900101");
    const parentTs = h.slack.callsOf("chat.postMessage")[0]?.answer.ts;
    const stored = await store.pageThread(1);
    expect(stored).toEqual({ platform: "slack", thread: { channel: CHANNEL, ts: parentTs } });
    expect(await threads.note(1, "Page #1 interrupted: state unknown, not resent")).toBe(true);
    const note = h.slack.callsOf("chat.postMessage").at(-1)?.params;
    expect(note?.thread_ts).toBe(parentTs);
    expect(String(note?.text)).toContain("interrupted: state unknown, not resent");
  });

  it("keeps a report of 3,500 numbers within Slack's limits", async () => {
    const numbers = Array.from({ length: 3_500 }, (_, i) => ({
      recipient: String(447700910000 + i),
      messageId: `B${i}`,
      state: i % 3 === 0 ? ("not-delivered" as const) : ("delivered" as const),
      reportCode: i % 3 === 0 ? 27 : 0,
      meaning: "expired at the operator's message centre after a long wait",
      handsetAt: null,
    }));
    const page = {
      id: 7,
      platform: "slack",
      actorId: "U1",
      actorName: "<@U1>",
    } as Parameters<typeof deliveryView>[0];
    const message = deliveryMessage(deliveryView(page, numbers, "3500 sent: 3500 accepted"));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      const text =
        "text" in block ? ((block.text as { text: string } | undefined)?.text ?? "") : "";
      expect(text.length).toBeLessThanOrEqual(block.type === "header" ? 150 : 3_000);
    }
    expect(JSON.stringify(message)).toContain("more");
  });

  it("edits a page of 400 numbers a few times when all their receipts come at once", async () => {
    const { h, store, url } = await start();
    const to = Array.from({ length: 400 }, (_, i) => String(447700920100 + i)).join(",");
    const numbers = await page(h, store, to);
    expect(numbers).toHaveLength(400);
    // The simulator refuses some numbers by their last digits, and says others are delivered.
    const waiting = numbers.filter((n) => n.state === "waiting");
    expect(waiting).toHaveLength(384);
    await Promise.all(
      waiting.map((n, i) =>
        postReceipt(
          url,
          receiptBody(receiptFields(n.messageId ?? "", n.recipient, i < 5 ? 27 : 0)),
        ),
      ),
    );
    const last = () => JSON.stringify(h.slack.callsOf("chat.update").at(-1)?.params);
    await h.slack.until(() => last().includes("delivered 383 of 388, 5 not delivered, 0 waiting"));
    expect(h.slack.callsOf("chat.update").length).toBeLessThanOrEqual(4);
    expect(h.slack.callsOf("chat.update").every((c) => c.answer.ok)).toBe(true);
  });
});
