// Slack's log lines about a command carry its request key (`slack:<trigger_id>`); a mistake in
// the recipients logs nothing above debug.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, postCommand, startHarness } from "./harness.js";

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness("http");
});

afterEach(async () => {
  await harness.close();
});

const lines = (): LogLine[] => harness.logLines.map((line) => JSON.parse(line));
const linesOf = (requestKey: string) => lines().filter((line) => line.requestKey === requestKey);

async function run(text: string, id: string, overrides: Record<string, string> = {}) {
  await postCommand(harness, harness.slashCommand(text, id, overrides));
  await harness.finish();
}

describe("Slack's log lines", () => {
  it("carry the command's trigger id, from the adapter and the pager alike", async () => {
    harness.slack.refuseChannel("C0CLOSED", "not_in_channel");
    await run("447700900123 db1 is down", "closed", { channel_id: "C0CLOSED" });
    const notPosted = linesOf("slack:1337.42.closed").find(
      (line) => line.msg === "could not post the page; nothing sent",
    );
    expect(notPosted).toMatchObject({ level: 40, actor: "UCALLER1", err: expect.any(Object) });
    expect(lines().filter((line) => "error" in line)).toEqual([]);
  });

  it("tie a page's lines to it", async () => {
    await run("447700900123 db1 is down", "page");
    expect(linesOf("slack:1337.42.page").map((line) => line.msg)).toEqual(
      expect.arrayContaining(["page started", "page done"]),
    );
  });

  it("keep a mistake in the recipients at debug", async () => {
    await run("<#C0OPS|ops> hello", "mistake");
    const mine = linesOf("slack:1337.42.mistake");
    expect(mine.map((line) => [line.level, line.msg])).toEqual([[20, "usage error; nothing sent"]]);
  });
});
