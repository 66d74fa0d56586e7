import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Simulator } from "../../src/csoft/simulator.js";
import { SurfaceError } from "../../src/page/errors.js";
import { createPager, type Pager } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";

const NOW = new Date("2026-11-25T03:00:00Z");

let csoft: LocalCsoft;
let simulator: Simulator;
let pager: Pager;
let surface: RecordingSurface;
let ctx: CommandContext;

beforeEach(async () => {
  csoft = await startLocalCsoft();
  simulator = csoft.simulator;
  pager = createPager({ transport: csoft.client, now: () => NOW });
  surface = recordingSurface();
  ctx = { actor: { platform: "shell", id: "u1", name: "alice" }, surface };
});

afterEach(() => csoft.close());

describe("createPager", () => {
  it("announces, sends once and reports every number in the thread", async () => {
    await pager.runSms("447700900101,447700900115 db1 is down --flash", ctx);

    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]?.params.get("FlashMessage")).toBe("db1 is down");
    expect(surface.announcements).toEqual([
      expect.objectContaining({
        actor: ctx.actor,
        recipients: ["447700900101", "447700900115"],
        message: "db1 is down",
        options: expect.objectContaining({ flash: true }),
      }),
    ]);
    const [report] = surface.reports;
    expect(report?.results.map((r) => [r.recipient, r.reportCode, r.outcome])).toEqual([
      ["447700900115", 15, "failed"],
      ["447700900101", -2, "accepted"],
    ]);
    expect(report?.results.every((r) => /^[0-9A-F]{8}$/.test(r.messageId ?? ""))).toBe(true);
    expect(report?.counts).toMatchObject({ accepted: 1, failed: 1, unknown: 0 });
    expect(report?.servers).toEqual(["primary"]);
    expect(report?.requests).toBe(1);
    expect(surface.privateReplies).toEqual([]);
  });

  it("answers help privately and sends nothing", async () => {
    await pager.runSms("help", ctx);
    expect(surface.privateReplies).toHaveLength(1);
    expect(surface.privateReplies[0]).toContain("--flash");
    expect(surface.announcements).toEqual([]);
    expect(simulator.requests).toEqual([]);
  });

  it.each([
    ["12 hi", /12/],
    ["447700900007", /message/i],
    ["447700900007 hi --delay 0", /delay/i],
  ])("refuses %j privately with an example, and sends nothing", async (text, problem) => {
    await pager.runSms(text, ctx);
    expect(surface.privateReplies).toHaveLength(1);
    expect(surface.privateReplies[0]).toMatch(problem);
    expect(surface.privateReplies[0]).toMatch(/example/i);
    expect(surface.announcements).toEqual([]);
    expect(simulator.requests).toEqual([]);
  });

  it("refuses names while no contacts directory is configured", async () => {
    await pager.runSms("alice rollback now", ctx);
    expect(surface.privateReplies[0]).toMatch(/`alice`.*contacts directory/);
    expect(simulator.requests).toEqual([]);
  });

  it("sends nothing when the chat refuses the parent message, and says so privately", async () => {
    surface.failAnnounceWith = new SurfaceError(
      "I am not a member of #ops: invite me with /invite.",
    );
    await pager.runSms("447700900101 db1 is down", ctx);
    expect(simulator.requests).toEqual([]);
    expect(surface.privateReplies).toEqual([
      "I am not a member of #ops: invite me with /invite. Nothing was sent.",
    ]);
  });

  it("validates typed fields exactly as the text grammar", async () => {
    await pager.runFields({ to: "12", message: "hi" }, ctx);
    const fromFields = surface.privateReplies.at(-1);
    await pager.runSms("12 hi", ctx);
    expect(surface.privateReplies.at(-1)).toBe(fromFields);
    expect(simulator.requests).toEqual([]);
  });

  it("sends typed fields with their options", async () => {
    await pager.runFields(
      {
        to: "447700900101",
        message: "db1 is down",
        delay: "30",
        service: "Economy",
        replyTo: "+44 7700 900999",
      },
      ctx,
    );
    const params = simulator.requests[0]?.params;
    expect(params?.get("Message")).toBe("db1 is down");
    expect(params?.get("SendTimeDelay")).toBe("30");
    expect(params?.get("DeliveryServiceOption")).toBe("Economy");
    expect(params?.get("ReplyTo")).toBe("447700900999");
  });

  it("sends a message to an address book as its own request", async () => {
    await pager.runSms("book:OnCall::Database,447700900101 disk full", ctx);
    expect(simulator.requests).toHaveLength(2);
    const books = simulator.requests.map((r) => r.params.get("SendToAddressBook")).filter(Boolean);
    expect(books).toEqual(["OnCall::Database"]);
    expect(surface.announcements[0]?.recipients).toEqual(["book:OnCall::Database", "447700900101"]);
  });
});
