import { describe, expect, it } from "vitest";
import { resolveMentions } from "../../adapters/discord/mentions.js";
import { contactIdFields } from "../../app/adapters.js";
import { parseDirectory } from "../../src/contacts/load.js";

const ALICE = "100000000000000005";
const directory = parseDirectory(
  `people:\n  alice: { phone: "+44 7700 900001", discord: "${ALICE}" }\n  bob: { phone: "447700900002" }\n`,
  "contacts.yaml",
  contactIdFields(),
);

describe("resolveMentions", () => {
  it("leaves recipients without mentions as typed", () => {
    expect(resolveMentions("447700900123, book:Oncall")).toEqual({
      ok: true,
      to: "447700900123, book:Oncall",
    });
  });

  it("refuses user mentions when there is no directory, naming each user", () => {
    const result = resolveMentions(`447700900123,<@${ALICE}>,<@!100000000000000009>`);
    expect(result.ok ? "" : result.error).toContain(
      `Cannot page <@${ALICE}>, <@100000000000000009>: Discord profiles have no phone numbers; use a number, or a contacts-directory name once configured. Nothing was sent.`,
    );
  });

  it("turns a mention into the name of the person whose Discord id it is", () => {
    expect(resolveMentions(`<@${ALICE}>,447700900123`, () => directory)).toEqual({
      ok: true,
      to: "alice,447700900123",
    });
  });

  it("says so when the directory lists no one with that Discord id", () => {
    const result = resolveMentions("<@100000000000000009>", () => directory);
    expect(result.ok ? "" : result.error).toContain(
      "the contacts directory lists no one with that Discord id",
    );
  });

  it("refuses a role mention", () => {
    const result = resolveMentions("<@&100000000000000007>", () => directory);
    expect(result.ok ? "" : result.error).toContain("Discord roles have no phone numbers");
  });
});
