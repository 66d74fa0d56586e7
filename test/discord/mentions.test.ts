import { describe, expect, it } from "vitest";
import { discordMentions } from "../../adapters/discord/mentions.js";
import { contactIdFields } from "../../app/adapters.js";
import { parseDirectory } from "../../src/contacts/load.js";

const ALICE = "100000000000000005";
const directory = parseDirectory(
  `people:\n  alice: { phone: "+44 7700 900001", discord: "${ALICE}" }\n  bob: { phone: "447700900002" }\n`,
  "contacts.yaml",
  contactIdFields(),
);

const refused = (promise: Promise<unknown>) =>
  promise.then(
    () => "",
    (error: Error) => error.message,
  );

describe("discordMentions", () => {
  it("claims mentions only: numbers, names and address books are the core's", () => {
    const mentions = discordMentions(() => directory);
    expect(["447700900123", "book:Oncall", "alice"].some(mentions.claims)).toBe(false);
    expect([`<@${ALICE}>`, `<@!${ALICE}>`, "<@&100000000000000007>"].every(mentions.claims)).toBe(
      true,
    );
  });

  it("refuses user mentions when there is no directory, naming each user", async () => {
    const message = await refused(
      discordMentions().resolve([`<@${ALICE}>`, "<@!100000000000000009>"]),
    );
    expect(message).toContain(
      `Cannot page <@${ALICE}>, <@100000000000000009>: Discord profiles have no phone numbers; use a number, or a contacts-directory name once configured. Nothing was sent.`,
    );
  });

  it("reads a mention as the name of the person whose Discord id it is", async () => {
    const resolved = await discordMentions(() => directory).resolve([`<@${ALICE}>`]);
    expect(resolved.get(`<@${ALICE}>`)).toEqual([{ kind: "name", name: "alice" }]);
  });

  it("says so when the directory lists no one with that Discord id", async () => {
    const message = await refused(
      discordMentions(() => directory).resolve(["<@100000000000000009>"]),
    );
    expect(message).toContain("the contacts directory lists no one with that Discord id");
  });

  it("refuses a role mention", async () => {
    const message = await refused(
      discordMentions(() => directory).resolve(["<@&100000000000000007>"]),
    );
    expect(message).toContain("Discord roles have no phone numbers");
  });
});
