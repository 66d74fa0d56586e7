// Replies and acknowledgements in the page's Slack thread: the real Bolt App pages db-oncall
// through the simulator; replies from alice's number are stored, matched, and posted in the
// thread of the page they answer, reopened from the store as delivery receipts reopen it.
import { describe, expect, it } from "vitest";
import { clickPayload, postToBot } from "./harness.js";
import { ALICE, CAROL, pageDbOncall, reply, startThreads, threadTexts } from "./threads-harness.js";

describe("replies in the page's Slack thread", () => {
  it("posts a reply with the sender's name, then an acknowledgement that cancels the step", async () => {
    const s = await startThreads();
    const ts = await pageDbOncall(s);
    s.clock.jump(60_000);
    expect(await reply(s, ALICE, "on my way")).toMatchObject({ kind: "matched", pageId: 1 });
    s.clock.jump(180_000);
    const acked = await reply(s, ALICE, "ACK");
    expect(acked).toMatchObject({ acknowledged: { kind: "acknowledged", cancelledSteps: 1 } });
    const texts = threadTexts(s.h, ts);
    expect(texts).toContain("alice replied: on my way");
    expect(texts).toContain(
      "✅ alice acknowledged by SMS at 03:04 UTC, 4 min after the page. 1 escalation step cancelled.",
    );
    // The parent shows it in place of its button.
    await s.h.slack.until(() => s.h.slack.callsOf("chat.update").length === 1);
    const parent = s.h.slack.callsOf("chat.update")[0]?.params;
    expect(parent?.ts).toBe(ts);
    const blocks = JSON.stringify(parent?.blocks);
    expect(blocks).toContain("✅ Acknowledged by alice by SMS at 03:04 UTC");
    expect(blocks).toContain("disk full");
    expect(blocks).not.toContain("sms_acknowledge");
  });

  it("records a reply that matches no page and posts nothing without SMS_INBOUND_CHANNEL", async () => {
    const s = await startThreads();
    await pageDbOncall(s);
    const before = s.h.slack.callsOf("chat.postMessage").length;
    expect(await reply(s, "447700900777", "who is this?")).toEqual({
      kind: "unmatched",
      by: "447700900777",
    });
    expect(s.h.slack.callsOf("chat.postMessage").length).toBe(before);
    expect((await s.store.reply(1))?.pageId).toBeNull();
  });

  it("posts a reply that matches no page in SMS_INBOUND_CHANNEL, and only there", async () => {
    const s = await startThreads("C0REPLIES");
    const ts = await pageDbOncall(s);
    // Carol was not paged: her reply answers nothing.
    await reply(s, CAROL, "is something up?");
    const posted = s.h.slack
      .callsOf("chat.postMessage")
      .filter((c) => c.params.channel === "C0REPLIES");
    expect(posted.map((c) => c.params.text)).toEqual([
      `Reply from carol (${CAROL}) matches no open page: is something up?`,
    ]);
    expect(posted[0]?.params.thread_ts).toBeUndefined();
    expect(threadTexts(s.h, ts).some((t) => t.includes("is something up"))).toBe(false);
  });

  it("announces an escalation in the first page's thread, with its report", async () => {
    const s = await startThreads();
    const ts = await pageDbOncall(s);
    s.clock.advance(10_000);
    await s.h.slack.until(
      () => threadTexts(s.h, ts).filter((t) => t.includes(" sent: ")).length === 2,
    );
    expect(s.h.simulator.requests.map((r) => r.params.get("SendTo"))).toEqual([
      `${ALICE},447700900002`,
      CAROL,
    ]);
    const texts = threadTexts(s.h, ts);
    const announced = texts.filter((t) => t.startsWith("ESCALATION step 1 of #1"));
    expect(announced).toHaveLength(1);
    expect(announced[0]).toContain("paged carol");
    expect(texts.at(-1)).toContain(CAROL);
    // Carol's reply to the escalation page is posted in the same thread.
    s.clock.jump(30_000);
    await reply(s, CAROL, "ok");
    expect(threadTexts(s.h, ts).at(-1)).toMatch(
      /^✅ carol acknowledged by SMS at 03:00 UTC, 40 s after the page\.$/,
    );
  });

  it("acknowledges from the parent's button: the thread says who and how, the parent shows it", async () => {
    const s = await startThreads();
    const ts = await pageDbOncall(s);
    const parent = s.h.slack.callsOf("chat.postMessage").find((c) => c.answer.ts === ts)?.params;
    expect(JSON.stringify(parent?.blocks)).toContain('"action_id":"sms_acknowledge"');
    s.clock.jump(90_000);
    const payload = {
      ...clickPayload(s.h, "sms_acknowledge", "1"),
      message: { type: "message", ts, text: parent?.text, blocks: parent?.blocks },
    };
    expect(await postToBot(s.h, { payload: JSON.stringify(payload) })).toBe(200);
    await s.h.slack.until(() => s.h.slack.callsOf("chat.update").length === 1);
    const shown = "✅ Acknowledged by someone with the Acknowledge button at 03:01 UTC";
    const update = s.h.slack.callsOf("chat.update")[0]?.params;
    expect(update?.ts).toBe(ts);
    expect(JSON.stringify(update?.blocks)).toContain(shown);
    expect(JSON.stringify(update?.blocks)).not.toContain("sms_acknowledge");
    expect(threadTexts(s.h, ts)).toContain(
      "✅ someone acknowledged with the Acknowledge button at 03:01 UTC, 2 min after the page. 1 escalation step cancelled.",
    );
    s.clock.advance(60_000);
    await s.h.pager.shutdown(0);
    expect(s.h.simulator.requests).toHaveLength(1);
  });
});
