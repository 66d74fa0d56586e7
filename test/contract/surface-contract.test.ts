// One contract, every chat: each adapter's Surface is driven through its real platform
// (terminal streams, the real Bolt App, the real discord.js Client) against the csoft simulator.
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { runShell } from "../../adapters/shell/shell.js";
import { createPager } from "../../src/page/pager.js";
import {
  callsOf,
  isPrivateFollowUp,
  isResultEdit,
  resultMessages,
  smsInteraction,
  startHarness as startDiscord,
} from "../discord/harness.js";
import { postCommand, startHarness as startSlack } from "../slack/harness.js";
import { startLocalCsoft } from "../support/csoft.js";
import { memoryStore } from "../support/store.js";

/** What a person sees after one command: the visible parent, its thread, and private answers. */
interface Seen {
  parent: string;
  thread: string;
  privately: string;
  csoftRequests: number;
}

interface Chat {
  name: string;
  /** Runs `/sms <to> <message>` as a person would on that chat. */
  run(to: string, message: string): Promise<Seen>;
}

const shell: Chat = {
  name: "terminal",
  async run(to, message) {
    const csoft = await startLocalCsoft();
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString("utf8");
    });
    const done = runShell({
      pager: createPager({ store: memoryStore(), transport: csoft.client }),
      input,
      output,
      interactive: false,
      user: "carol",
    });
    input.end(`/sms ${to} ${message}\n`);
    await done;
    await csoft.close();
    const lines = printed.trimEnd().split("\n");
    const threaded = lines.filter((line) => line.startsWith("  │ "));
    const announced = threaded.length > 0;
    return {
      parent: announced ? lines.filter((line) => !line.startsWith("  │ ")).join("\n") : "",
      thread: threaded.join("\n"),
      privately: announced ? "" : printed,
      csoftRequests: csoft.simulator.requests.length,
    };
  },
};

const slack: Chat = {
  name: "Slack",
  async run(to, message) {
    const harness = await startSlack("http");
    const response = await postCommand(
      harness,
      harness.slashCommand(`${to} ${message}`, "contract"),
    );
    expect(response.status).toBe(200);
    await harness.finish();
    const posts = harness.slack.callsOf("chat.postMessage").map((call) => call.params);
    const seen = {
      parent: JSON.stringify(posts.filter((post) => !post.thread_ts)),
      thread: JSON.stringify(posts.filter((post) => post.thread_ts)),
      privately: JSON.stringify(
        harness.slack.responses.filter((r) => r.body.response_type === "ephemeral"),
      ),
      csoftRequests: harness.simulator.requests.length,
    };
    await harness.close();
    return seen;
  },
};

const discord: Chat = {
  name: "Discord",
  async run(to, message) {
    const harness = await startDiscord();
    const sent = harness.discord.sendInteraction(smsInteraction({ to, message }));
    await Promise.race([
      harness.discord.waitForCall(isResultEdit(sent)),
      harness.discord.waitForCall(isPrivateFollowUp(sent)),
    ]);
    const calls = callsOf(harness.discord, sent);
    const seen = {
      parent: JSON.stringify(
        calls.filter((call) => call.method === "PATCH").map((call) => call.body),
      ),
      thread: JSON.stringify(resultMessages(calls)),
      privately: JSON.stringify(calls.filter(isPrivateFollowUp(sent)).map((call) => call.body)),
      csoftRequests: harness.simulator.requests.length,
    };
    await harness.close();
    return seen;
  },
};

describe.each([shell, slack, discord])("the Surface contract: $name", (chat) => {
  it("a page gives a visible parent and a thread with every number, code and id", async () => {
    const seen = await chat.run("447700900101,447700900115", "db1 is down");
    expect(seen.csoftRequests).toBe(1);
    expect(seen.parent).toContain("447700900101");
    expect(seen.parent).toContain("447700900115");
    expect(seen.parent).toContain("db1 is down");
    expect(seen.thread).toContain("447700900101");
    expect(seen.thread).toContain("447700900115");
    expect(seen.thread).toMatch(/\b15\b/);
    expect(new Set(seen.thread.match(/30106C[0-9A-F]{2}/g) ?? []).size).toBe(2);
    expect(seen.thread.indexOf("447700900115")).toBeLessThan(seen.thread.indexOf("447700900101"));
    expect(seen.privately).not.toContain("447700900101");
  });

  it("a usage error is private, explains itself with an example, and sends nothing", async () => {
    const seen = await chat.run("12", "hi");
    expect(seen.csoftRequests).toBe(0);
    expect(seen.parent).not.toContain("hi");
    expect(seen.thread).not.toMatch(/30106C/);
    expect(seen.privately).toMatch(/`12` is not an international number/);
    expect(seen.privately).toContain("Example");
  });
});
