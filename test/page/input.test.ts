// One way in: the pager runs a CommandInput however the chat built it, reads the chat's
// mentions through the resolver the context carries, and keeps the command as typed.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/command/index.js";
import type { MentionResolver } from "../../src/page/types.js";
import { usePagerFixture } from "../support/csoft.js";
import { memoryStore } from "../support/store.js";

const store = memoryStore();
const t = usePagerFixture({ store });

/** A chat whose `<@…>` mentions are people with numbers; any other mention it cannot page. */
const mentions = (asked: string[][]): MentionResolver => ({
  claims: (token) => token.startsWith("<@"),
  async resolve(tokens) {
    asked.push([...tokens]);
    if (tokens.includes("<@UNKNOWN>")) throw new UsageError("<@UNKNOWN> has no phone number.");
    return new Map(tokens.map((token) => [token, [{ kind: "number", number: "447700900001" }]]));
  },
});

describe("Pager.run", () => {
  it("hands the chat's mentions to its resolver, and reads every other token itself", async () => {
    const asked: string[][] = [];
    const input = { kind: "page", recipients: "<@U1>,447700900002,<@U1>", message: "hi" } as const;
    await t.pager.run({ ...input, options: {} }, { ...t.ctx, mentions: mentions(asked) });
    expect(asked).toEqual([["<@U1>", "<@U1>"]]);
    expect(t.simulator.requests[0]?.params.get("SendTo")).toBe("447700900001,447700900002");
  });

  it("answers a mention the resolver cannot page privately, as any usage error", async () => {
    const input = { kind: "page", recipients: "<@UNKNOWN>", message: "hi", options: {} } as const;
    expect(await t.pager.run(input, { ...t.ctx, mentions: mentions([]) })).toBe("invalid");
    expect(t.surface.privateReplies).toEqual(["<@UNKNOWN> has no phone number."]);
    expect(t.simulator.requests).toEqual([]);
  });

  it("keeps a command built from typed options in the grammar's words in the history", async () => {
    t.surface.confirmWith = "cancelled";
    const recipients = Array.from({ length: 11 }, (_, i) => `4477009004${i + 10}`).join(",");
    await t.pager.run(
      { kind: "page", recipients, message: "db1 is down", options: { flash: true } },
      t.ctx,
    );
    expect((await store.recentPages(1))[0]).toMatchObject({
      state: "cancelled",
      message: `${recipients} db1 is down --flash`,
    });
  });

  it("shows help in the chat's own form when it has one", async () => {
    const shown: string[] = [];
    const surface = { ...t.surface, showHelp: async (core: string) => void shown.push(core) };
    expect(await t.pager.run({ kind: "help" }, { ...t.ctx, surface })).toBe("done");
    expect(shown[0]).toMatch(/^\/sms <recipients> <message…>/);
    expect(t.surface.privateReplies).toEqual([]);
  });
});
