import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { contactIdFields } from "../../app/adapters.js";
import { parseDirectory } from "../../src/contacts/load.js";
import { usePagerFixture } from "../support/csoft.js";
import { runText } from "../support/run-text.js";

const directory = parseDirectory(
  readFileSync(join(import.meta.dirname, "..", "..", "contacts.example.yaml"), "utf8"),
  "contacts.example.yaml",
  contactIdFields(),
);

const t = usePagerFixture({ directory: () => directory }, "dave");

const sentTo = () => t.simulator.requests.map((request) => request.params.get("SendTo"));

describe("paging people and groups by name", () => {
  it("sends once to every person of nested groups and named people, deduplicated", async () => {
    await runText(t.pager, "everyone,alice,447700900002,DB-Oncall rollback now", t.ctx);
    expect(sentTo()).toEqual(["447700900001,447700900002,447700900003"]);
  });

  it("names people in the parent message and beside each number in the thread", async () => {
    await runText(t.pager, "db-oncall,carol rollback now", t.ctx);
    expect(t.surface.announcements[0]?.recipients).toEqual(["db-oncall (alice, bob)", "carol"]);
    const rows = t.surface.reports[0]?.results.map((r) => [r.person, r.recipient, r.reportCode]);
    // The t.simulator refuses numbers ending in 03 as invalid: failures come first.
    expect(rows).toEqual([
      ["carol", "447700900003", 3],
      ["alice", "447700900001", -2],
      ["bob", "447700900002", -2],
    ]);
  });

  it("refuses an unknown name with the closest known names, and sends nothing", async () => {
    await runText(t.pager, "alcie,bob rollback now", t.ctx);
    expect(t.surface.privateReplies).toEqual([
      expect.stringMatching(/`alcie` is not in the contacts directory\. Did you mean `alice`/),
    ]);
    expect(t.surface.privateReplies[0]).toMatch(/Example: \/sms alice /);
    expect(t.simulator.requests).toEqual([]);
  });

  it("shows a dry run privately with masked numbers, encoding and parts, and sends nothing", async () => {
    await runText(t.pager, "db-oncall,447700900123 rollback now ✓ --dry-run", t.ctx);
    expect(t.simulator.requests).toEqual([]);
    expect(t.surface.announcements).toEqual([]);
    const [shown] = t.surface.privateReplies;
    expect(shown).toContain("nothing was sent");
    expect(shown).toContain("alice 4477009000**");
    expect(shown).toContain("bob 4477009000**");
    expect(shown).toContain("4477009001**");
    expect(shown).not.toMatch(/447700900001|447700900123/);
    expect(shown).toContain("Unicode, 14 characters, 1 SMS part");
  });

  it("answers /sms who without a message and sends nothing", async () => {
    await runText(t.pager, "who everyone", t.ctx);
    expect(t.simulator.requests).toEqual([]);
    expect(t.surface.privateReplies[0]).toMatch(
      /This would page 3 numbers:\n {2}alice 4477009000\*\*/,
    );
    expect(t.surface.privateReplies[0]).not.toContain("Message:");
  });
});
