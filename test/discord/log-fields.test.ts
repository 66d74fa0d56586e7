// Discord's log lines about a command carry its request key; errors go in `err`; a dry run
// logs nothing above debug.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { until } from "../support/manual-timer.js";
import {
  type Harness,
  isPrivateFollowUp,
  isResultEdit,
  smsInteraction,
  startHarness,
} from "./harness.js";

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const lines = (): LogLine[] => harness.logLines.map((line) => JSON.parse(line));
const linesOf = (requestKey: string) => lines().filter((line) => line.requestKey === requestKey);

describe("Discord's log lines", () => {
  it("carry the interaction's request key, from the adapter and the pager alike", async () => {
    harness.discord.failNext("POST", /\/threads$/, 403, {
      message: "Missing Permissions",
      code: 50013,
    });
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900301", message: "db1 is down" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const key = `discord:${sent.id}`;
    await until(() => linesOf(key).some((line) => line.msg === "page done"));
    const messages = linesOf(key).map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        "discord command",
        "page started",
        "no thread for this page; results go in replies",
        "page done",
      ]),
    );
    const noThread = linesOf(key).find((line) => line.msg.startsWith("no thread"));
    expect(noThread).toMatchObject({ err: { message: "Missing Permissions", code: 50013 } });
    expect(lines().filter((line) => "error" in line)).toEqual([]);
  });

  it("keep a dry run at debug", async () => {
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900302", message: "db1 is down", dry_run: true }),
    );
    await harness.discord.waitForCall(isPrivateFollowUp(sent));
    const key = `discord:${sent.id}`;
    await until(() => linesOf(key).some((line) => line.msg === "dry run; nothing sent"));
    expect(linesOf(key).map((line) => [line.level, line.msg])).toEqual([
      [20, "discord command"],
      [20, "dry run; nothing sent"],
    ]);
  });

  it("keep a mistake in the recipients at debug", async () => {
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "<@100000000000000099>", message: "db1 is down" }),
    );
    const key = `discord:${sent.id}`;
    await until(() => linesOf(key).length === 2);
    expect(linesOf(key).map((line) => [line.level, line.msg])).toEqual([
      [20, "discord command"],
      [20, "usage error; nothing sent"],
    ]);
  });
});
