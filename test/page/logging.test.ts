// What the pager logs: every line about a command carries its request key, who typed it and
// where; errors go in one field, `err`; dry runs and usage errors are debug lines only.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OPEN_POLICY } from "../../src/access/policy.js";
import { createLogger } from "../../src/log.js";
import { createPager, type PagerDeps } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

const DEBUG = 20;
const INFO = 30;
const KEY = "slack:1337.42.abc";

let csoft: LocalCsoft;
let surface: RecordingSurface;
let lines: LogLine[];

beforeEach(async () => {
  csoft = await startLocalCsoft();
  surface = recordingSurface();
  lines = [];
});

afterEach(() => csoft.close());

function pager(extra: Partial<PagerDeps> = {}) {
  const logger = createLogger({
    level: "debug",
    destination: { write: (line) => void lines.push(JSON.parse(line)) },
  });
  return createPager({ store: memoryStore(), transport: csoft.client, logger, ...extra });
}

const ctx = (): CommandContext => ({
  actor: { platform: "slack", id: "U1", name: "<@U1>" },
  surface,
  requestKey: KEY,
  channelId: "C1",
});

const WHO = { requestKey: KEY, actor: "U1", platform: "slack", channel: "C1" };

describe("the pager's log lines", () => {
  it("tie every line of a page to its request key, actor and channel", async () => {
    await runText(pager(), "447700900101 db1 is down", ctx());
    expect(lines.map((line) => line.msg)).toEqual(["page started", "csoft batch", "page done"]);
    for (const line of lines) expect(line).toMatchObject(WHO);
  });

  it("tie a refusal and a redelivery to the command", async () => {
    const slack = { users: ["UBOSS"], groups: [], channels: [], groupsName: "user groups" };
    const policy = { ...OPEN_POLICY, allowLists: { slack } };
    const run = pager({ policy });
    await runText(run, "447700900101 db1 is down", ctx());
    await runText(run, "447700900101 db1 is down", ctx());
    expect(lines).toEqual([
      expect.objectContaining({ msg: "command refused", ...WHO }),
      expect.objectContaining({ msg: expect.stringMatching(/delivered again/), ...WHO }),
    ]);
  });

  it("put a failure in `err`, serialized by pino", async () => {
    surface.failAnnounceWith = new Error("the chat went away");
    await runText(pager(), "447700900101 db1 is down", ctx());
    const failed = lines.find((line) => line.msg === "command failed");
    expect(failed).toMatchObject({
      ...WHO,
      err: { type: "Error", message: "the chat went away", stack: expect.any(String) },
    });
    expect(failed).not.toHaveProperty("error");
  });

  it.each([
    ["a dry run", "447700900101 db1 is down --dry-run", "dry run; nothing sent"],
    ["who", "who 447700900101", "dry run; nothing sent"],
    ["a usage error", "12 db1 is down", "usage error; nothing sent"],
  ])("log %s at debug only", async (_name, text, msg) => {
    await runText(pager(), text, ctx());
    expect(lines).toEqual([expect.objectContaining({ level: DEBUG, msg, ...WHO })]);
    expect(lines.filter((line) => line.level >= INFO)).toEqual([]);
    expect(csoft.simulator.requests).toEqual([]);
  });
});
