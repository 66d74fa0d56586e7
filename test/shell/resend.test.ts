import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runShell } from "../../adapters/shell/shell.js";
import { createPager } from "../../src/page/pager.js";
import { type LossyCsoft, losesFirstAnswer, startLossyCsoft } from "../support/lossy-csoft.js";
import { memoryStore } from "../support/store.js";

let csoft: LossyCsoft;

beforeEach(async () => {
  csoft = await startLossyCsoft({ losesAnswer: losesFirstAnswer() });
});

afterEach(() => csoft.close());

async function shell(...lines: string[]): Promise<string> {
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
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  return printed;
}

describe("resending from the terminal", () => {
  it("prints the command that resends the unknown numbers, which works once", async () => {
    const printed = await shell(
      "/sms 447700900199,447700900123 db1 is down",
      "/sms resend 1",
      "/sms resend 1",
    );

    expect(printed).toContain("may receive it twice");
    expect(printed).toContain("To resend, type: /sms resend 1\n");
    expect(csoft.simulator.requests.map((request) => request.params.get("SendTo"))).toEqual([
      "447700900199,447700900123",
      "447700900199,447700900123",
    ]);
    expect(printed).toContain(
      "Page #1 was already resent to its unknown numbers: nothing more was sent.",
    );
  });
});
