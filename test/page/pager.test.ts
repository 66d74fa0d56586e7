import { describe, expect, it, vi } from "vitest";
import { createLogger } from "../../src/log.js";
import { SurfaceError } from "../../src/page/errors.js";
import { createPager, type PagerDeps } from "../../src/page/pager.js";
import { usePagerFixture } from "../support/csoft.js";
import { manualClock } from "../support/manual-timer.js";
import { runText } from "../support/run-text.js";

const NOW = new Date("2026-11-25T03:00:00Z");

const t = usePagerFixture({ clock: manualClock(NOW.getTime()) });

describe("createPager", () => {
  it("refuses to start without a store, rather than page without exactly-once", () => {
    const withoutStore = { transport: { send: vi.fn() } } as unknown as PagerDeps;
    expect(() => createPager(withoutStore)).toThrow(/needs a store, e.g. openSqliteStore/);
  });

  it("announces, sends once and reports every number in the thread", async () => {
    await runText(t.pager, "447700900101,447700900115 db1 is down --flash", t.ctx);

    expect(t.simulator.requests).toHaveLength(1);
    expect(t.simulator.requests[0]?.params.get("FlashMessage")).toBe("db1 is down");
    expect(t.surface.announcements).toEqual([
      expect.objectContaining({
        actor: t.ctx.actor,
        recipients: ["447700900101", "447700900115"],
        message: "db1 is down",
        options: expect.objectContaining({ flash: true }),
      }),
    ]);
    const [report] = t.surface.reports;
    expect(report?.results.map((r) => [r.recipient, r.reportCode, r.outcome])).toEqual([
      ["447700900115", 15, "failed"],
      ["447700900101", -2, "accepted"],
    ]);
    expect(report?.results.every((r) => /^[0-9A-F]{8}$/.test(r.messageId ?? ""))).toBe(true);
    expect(report?.counts).toMatchObject({ accepted: 1, failed: 1, unknown: 0 });
    expect(report?.servers).toEqual(["primary"]);
    expect(report?.requests).toBe(1);
    expect(t.surface.privateReplies).toEqual([]);
  });

  it("answers help privately and sends nothing", async () => {
    await runText(t.pager, "help", t.ctx);
    expect(t.surface.privateReplies).toHaveLength(1);
    expect(t.surface.privateReplies[0]).toContain("--flash");
    expect(t.surface.announcements).toEqual([]);
    expect(t.simulator.requests).toEqual([]);
  });

  it.each([
    ["12 hi", /12/],
    ["447700900007", /message/i],
    ["447700900007 hi --delay 0", /delay/i],
  ])("refuses %j privately with an example, and sends nothing", async (text, problem) => {
    await runText(t.pager, text, t.ctx);
    expect(t.surface.privateReplies).toHaveLength(1);
    expect(t.surface.privateReplies[0]).toMatch(problem);
    expect(t.surface.privateReplies[0]).toMatch(/example/i);
    expect(t.surface.announcements).toEqual([]);
    expect(t.simulator.requests).toEqual([]);
  });

  it("refuses names while no contacts directory is configured", async () => {
    await runText(t.pager, "alice rollback now", t.ctx);
    expect(t.surface.privateReplies[0]).toMatch(/`alice`.*contacts directory/);
    expect(t.simulator.requests).toEqual([]);
  });

  it("sends nothing when the chat refuses the parent message, and says so privately", async () => {
    t.surface.failAnnounceWith = new SurfaceError(
      "I am not a member of #ops: invite me with /invite.",
    );
    await runText(t.pager, "447700900101 db1 is down", t.ctx);
    expect(t.simulator.requests).toEqual([]);
    expect(t.surface.privateReplies).toEqual([
      "I am not a member of #ops: invite me with /invite. Nothing was sent.",
    ]);
  });

  it("connects to csoft as soon as a command is a page, before it is announced", async () => {
    t.surface.failAnnounceWith = new SurfaceError("I am not a member of #ops.");
    await runText(t.pager, "447700900101 db1 is down", t.ctx);
    await vi.waitFor(() => expect(t.simulator.connections).toBe(1));
    expect(t.simulator.requests).toEqual([]);
  });

  it("validates typed fields exactly as the text grammar", async () => {
    await t.pager.run({ kind: "page", recipients: "12", message: "hi", options: {} }, t.ctx);
    const fromFields = t.surface.privateReplies.at(-1);
    await runText(t.pager, "12 hi", t.ctx);
    expect(t.surface.privateReplies.at(-1)).toBe(fromFields);
    expect(t.simulator.requests).toEqual([]);
  });

  it("sends typed fields with their options", async () => {
    await t.pager.run(
      {
        kind: "page",
        recipients: "447700900101",
        message: "db1 is down",
        options: { delay: "30", service: "Economy", replyTo: "+44 7700 900999" },
      },
      t.ctx,
    );
    const params = t.simulator.requests[0]?.params;
    expect(params?.get("Message")).toBe("db1 is down");
    expect(params?.get("SendTimeDelay")).toBe("30");
    expect(params?.get("DeliveryServiceOption")).toBe("Economy");
    expect(params?.get("ReplyTo")).toBe("447700900999");
  });

  it("sends a message to an address book as its own request", async () => {
    await runText(t.pager, "book:OnCall::Database,447700900101 disk full", t.ctx);
    expect(t.simulator.requests).toHaveLength(2);
    const books = t.simulator.requests
      .map((r) => r.params.get("SendToAddressBook"))
      .filter(Boolean);
    expect(books).toEqual(["OnCall::Database"]);
    expect(t.surface.announcements[0]?.recipients).toEqual([
      "book:OnCall::Database",
      "447700900101",
    ]);
  });
});

describe("the pager's log", () => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  const logged = usePagerFixture({ clock: manualClock(NOW.getTime()), logger });

  it("ties the transport's lines to the page by its id", async () => {
    await runText(logged.pager, "447700900101 db1 is down", logged.ctx);

    const started = lines.find((line) => line.msg === "page started");
    const batch = lines.find((line) => line.msg === "csoft batch");
    expect(started?.page).toEqual(expect.any(Number));
    expect(batch?.pageId).toBe(started?.page);
  });
});
