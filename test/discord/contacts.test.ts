import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactIdFields } from "../../app/adapters.js";
import { parseDirectory } from "../../src/contacts/load.js";
import { USER } from "./fake-discord.js";
import {
  callsOf,
  fieldsOf,
  type Harness,
  isPrivateFollowUp,
  isResultEdit,
  resultMessages,
  smsInteraction,
  startHarness,
} from "./harness.js";

const directory = parseDirectory(
  `people:\n  alice: { phone: "+44 7700 900001", discord: "${USER.id}" }\n  bob: { phone: "447700900002" }\n`,
  "contacts.yaml",
  contactIdFields(),
);

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ directory });
});

afterAll(async () => {
  await harness.close();
});

describe("mentions with a contacts directory", () => {
  it("pages the number the directory lists for a mentioned Discord user", async () => {
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: `<@${USER.id}>, bob`, message: "db1 is down" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    expect(harness.simulator.requests.at(-1)?.params.get("SendTo")).toBe(
      "447700900001,447700900002",
    );
    const names = fieldsOf(resultMessages(callsOf(harness.discord, sent))).map((f) => f.name);
    expect(names.join(" ")).toContain("447700900001");
  });

  it("names directory people in the parent and beside their numbers in the thread", async () => {
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "bob", message: "disk full" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const calls = callsOf(harness.discord, sent);
    expect(calls.find((call) => call.method === "PATCH")?.body.content).toContain("paged bob");
    const names = fieldsOf(resultMessages(calls)).map((f) => f.name);
    expect(names).toEqual([expect.stringContaining("447700900002 (bob)")]);
  });

  it("shows a dry run privately, names and masked numbers, and sends nothing", async () => {
    const before = harness.simulator.requests.length;
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: `<@${USER.id}>,bob`, message: "disk full", dry_run: true }),
    );
    const reply = await harness.discord.waitForCall(isPrivateFollowUp(sent));
    expect(reply.body.content).toContain("Dry run: nothing was sent");
    expect(reply.body.content).toContain("alice 4477009000**");
    expect(reply.body.content).toContain("bob 4477009000**");
    expect(harness.simulator.requests.length).toBe(before);
  });

  it("refuses a mentioned user the directory does not know, and sends nothing", async () => {
    const before = harness.simulator.requests.length;
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "<@100000000000000009>", message: "hello" }),
    );
    const callback = await harness.discord.waitForCall((call) => call.path.includes(sent.token));
    expect(callback.body.data?.content).toContain(
      "<@100000000000000009>: Discord profiles have no phone numbers, and the contacts directory lists no one with that Discord id",
    );
    expect(harness.discord.calls.some(isPrivateFollowUp(sent))).toBe(false);
    expect(harness.simulator.requests.length).toBe(before);
  });
});
