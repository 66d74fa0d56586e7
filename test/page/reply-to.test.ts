import { describe, expect, it } from "vitest";
import { usePagerFixture } from "../support/csoft.js";
import { manualClock } from "../support/manual-timer.js";
import { runText } from "../support/run-text.js";

const TWO_WAY = "447700900999";
const t = usePagerFixture({ clock: manualClock(), replyTo: TWO_WAY });

describe("the two-way number (CSOFT_REPLY_TO)", () => {
  it("sends every page with it as ReplyTo, ending with the reply hint", async () => {
    await runText(t.pager, "447700900101 db1 is down", t.ctx);
    const params = t.simulator.requests[0]?.params;
    expect(params?.get("ReplyTo")).toBe(TWO_WAY);
    expect(params?.get("Message")).toBe("db1 is down\nReply ACK 1");
    expect(t.surface.announcements[0]?.options.replyTo).toBe(TWO_WAY);
  });

  it("lets an explicit --reply-to win, and then adds no hint: replies go elsewhere", async () => {
    await runText(t.pager, "447700900101 db1 is down --reply-to 447700900888", t.ctx);
    const params = t.simulator.requests[0]?.params;
    expect(params?.get("ReplyTo")).toBe("447700900888");
    expect(params?.get("Message")).toBe("db1 is down");
  });

  it("names each page's own id in its hint", async () => {
    await runText(t.pager, "447700900101 first", t.ctx);
    await runText(t.pager, "447700900101 second", t.ctx);
    expect(t.simulator.requests.map((r) => r.params.get("Message"))).toEqual([
      "first\nReply ACK 1",
      "second\nReply ACK 2",
    ]);
  });

  it("sends a message that fills its part as typed, without a hint", async () => {
    const full = "z".repeat(155);
    await runText(t.pager, `447700900101 ${full}`, t.ctx);
    expect(t.simulator.requests[0]?.params.get("Message")).toBe(full);
  });

  it("shows the final text and its parts in a dry run, and sends nothing", async () => {
    await runText(t.pager, "447700900101 first", t.ctx);
    await runText(t.pager, "447700900101 disk full --dry-run", t.ctx);
    expect(t.simulator.requests).toHaveLength(1);
    expect(t.surface.privateReplies.at(-1)).toContain(
      'Message: "disk full\nReply ACK 2" (reply to 447700900999; GSM 7-bit, 21 characters, 1 SMS part)',
    );
  });
});

const plain = usePagerFixture({ clock: manualClock() });

describe("without a two-way number", () => {
  it("sends neither a ReplyTo nor a hint", async () => {
    await runText(plain.pager, "447700900101 db1 is down", plain.ctx);
    const params = plain.simulator.requests[0]?.params;
    expect(params?.has("ReplyTo")).toBe(false);
    expect(params?.get("Message")).toBe("db1 is down");
  });
});
