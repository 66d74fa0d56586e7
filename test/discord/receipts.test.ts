// Delivery receipts in Discord: the real Client pages through the simulator; receipts posted to
// /csoft/receipts edit the first report message over REST and mention the requester.
import { afterEach, describe, expect, it } from "vitest";
import { deliveryEmbed } from "../../adapters/discord/index.js";
import { createDeliveries } from "../../src/delivery/service.js";
import { createThreadPoster } from "../../src/delivery/threads.js";
import { deliveryView } from "../../src/delivery/view.js";
import { until } from "../support/manual-timer.js";
import {
  postReceipt,
  receiptBody,
  receiptFields,
  startCallbackServer,
} from "../support/receipts.js";
import { memoryStore } from "../support/store.js";
import { beyondLimits, USER } from "./fake-discord.js";
import { isResultEdit, smsInteraction, startHarness } from "./harness.js";

let closeAll: (() => Promise<void>) | undefined;

afterEach(async () => {
  await closeAll?.();
  closeAll = undefined;
});

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe("delivery receipts in Discord", () => {
  it("edits the report message with both states, and mentions the requester of a failure", async () => {
    const store = memoryStore();
    const deliveries = createDeliveries({ store, logger: silent });
    const h = await startHarness({ pager: { store, onReported: deliveries.pageReported } });
    deliveries.attach("discord", h.running.deliveryEditor);
    const server = await startCallbackServer(deliveries);
    closeAll = async () => {
      await server.close();
      await deliveries.close();
      await h.close();
    };
    const sent = h.discord.sendInteraction(
      smsInteraction({ to: "447700900101,447700900102", message: "db1 is down" }),
    );
    await h.discord.waitForCall(isResultEdit(sent));
    await until(async () => (await store.chatMessages(1)) !== undefined);
    const [first, second] = await store.pageDeliveries(1);
    for (const [n, report] of [
      [first, 0],
      [second, 27],
    ] as const) {
      const fields = receiptFields(n?.messageId ?? "", n?.recipient ?? "", report);
      expect((await postReceipt(server.url, receiptBody(fields))).status).toBe(200);
    }
    const edits = () =>
      h.discord.calls.filter(
        (c) => c.method === "PATCH" && c.path.startsWith(`/channels/${sent.originalId}/messages/`),
      );
    const notice = await h.discord.waitForCall(
      (c) => c.method === "POST" && (c.body.content ?? "").includes(`<@${USER.id}>`),
    );
    await until(() => JSON.stringify(edits().at(-1)?.body).includes("1 not delivered"));
    const shown = JSON.stringify(edits().at(-1)?.body);
    expect(shown).toContain("delivered 1 of 2, 1 not delivered, 0 waiting");
    expect(shown).toContain("NOT DELIVERED");
    expect(notice.path).toBe(`/channels/${sent.originalId}/messages`);
    // A note, as Thread.note posts one: the mention in the content, the text in its embed.
    expect(notice.body.content).toBe(`<@${USER.id}>`);
    expect(notice.body.embeds?.[0]?.description).toContain("447700900102");
    expect((notice.body.allowed_mentions as { users?: string[] }).users).toEqual([USER.id]);
  });

  it("keeps where the page's results go, and another process's note lands there", async () => {
    const store = memoryStore();
    const threads = createThreadPoster(store);
    const deliveries = createDeliveries({ store, logger: silent, threads });
    const h = await startHarness({ pager: { store, onReported: deliveries.pageReported } });
    deliveries.attach("discord", h.running.deliveryEditor);
    closeAll = async () => {
      await deliveries.close();
      await h.close();
    };
    const sent = h.discord.sendInteraction(smsInteraction({ to: "447700900101", message: "x" }));
    await h.discord.waitForCall(isResultEdit(sent));
    await until(async () => (await store.chatMessages(1)) !== undefined);
    const report = (await store.chatMessages(1))?.report as { channelId: string };
    expect(await store.pageThread(1)).toEqual({
      platform: "discord",
      thread: { channelId: report.channelId, messageId: expect.any(String) },
    });
    const text = "Page #1 interrupted: state unknown, not resent";
    expect(await threads.note(1, text)).toBe(true);
    const note = await h.discord.waitForCall(
      (c) => c.method === "POST" && (c.body.embeds?.[0]?.description ?? "").includes(text),
    );
    expect(note.path).toBe(`/channels/${report.channelId}/messages`);
  });

  it("keeps a report of 3,500 numbers within Discord's limits", () => {
    const numbers = Array.from({ length: 3_500 }, (_, i) => ({
      recipient: String(447700910000 + i),
      messageId: `B${i}`,
      state: i % 3 === 0 ? ("not-delivered" as const) : ("delivered" as const),
      reportCode: i % 3 === 0 ? 27 : 0,
      meaning: "expired at the operator's message centre after a long wait",
      handsetAt: null,
    }));
    const page = { id: 7, platform: "discord", actorId: USER.id, actorName: "alice" } as Parameters<
      typeof deliveryView
    >[0];
    const embed = deliveryEmbed(deliveryView(page, numbers, "3500 sent: 3500 accepted"));
    expect(beyondLimits({ embeds: [embed] })).toBeUndefined();
    expect(embed.description).toContain("more");
  });
});
