import { describe, expect, it } from "vitest";
import { COMMAND_OUTCOMES, pageOutcome, worstOutcome } from "../../src/page/outcome.js";
import { usePagerFixture } from "../support/csoft.js";
import { runText } from "../support/run-text.js";

describe("worstOutcome", () => {
  it("ranks done, failed, invalid, unknown, whichever comes first", () => {
    for (const [i, a] of COMMAND_OUTCOMES.entries()) {
      for (const [j, b] of COMMAND_OUTCOMES.entries()) {
        expect(worstOutcome(a, b)).toBe(COMMAND_OUTCOMES[Math.max(i, j)]);
      }
    }
  });
});

describe("pageOutcome", () => {
  const none = { accepted: 0, delivered: 0, warning: 0, failed: 0, unknown: 0 };
  it("is the worst number's: unknown over failed over the rest", () => {
    expect(pageOutcome({ ...none, accepted: 2, warning: 1, delivered: 1 })).toBe("done");
    expect(pageOutcome({ ...none, accepted: 2, failed: 1 })).toBe("failed");
    expect(pageOutcome({ ...none, failed: 1, unknown: 1 })).toBe("unknown");
  });
});

describe("what each command resolves to", () => {
  const t = usePagerFixture({ confirmAbove: 1 });

  it("answers and sent pages are done; a failed number, a refusal, a cancel are failed", async () => {
    expect(await runText(t.pager, "help", t.ctx)).toBe("done");
    expect(await runText(t.pager, "history", t.ctx)).toBe("done");
    expect(await runText(t.pager, "447700900123 hi --dry-run", t.ctx)).toBe("done");
    expect(await runText(t.pager, "447700900123 hi", t.ctx)).toBe("done");
    expect(await runText(t.pager, "447700900123,447700900103 hi", t.ctx)).toBe("failed");
    t.surface.confirmWith = "cancelled";
    expect(await runText(t.pager, "447700900123,447700900124 hi", t.ctx)).toBe("failed");
  });

  it("a command that is not valid is invalid; one that breaks midway is unknown", async () => {
    expect(await runText(t.pager, "07700900123 hi", t.ctx)).toBe("invalid");
    t.surface.announce = async () => ({
      report: async () => {
        throw new Error("the terminal went away");
      },
    });
    expect(await runText(t.pager, "447700900123 hi", t.ctx)).toBe("unknown");
  });
});
