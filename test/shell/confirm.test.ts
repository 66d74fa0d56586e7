// Confirmation at the terminal: a y/N question for a person at a prompt, --yes for piped input.
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runShell } from "../../adapters/shell/shell.js";
import { createPager } from "../../src/page/pager.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { manualClock, until } from "../support/manual-timer.js";
import { memoryStore } from "../support/store.js";

let csoft: LocalCsoft;

beforeEach(async () => {
  csoft = await startLocalCsoft();
});

afterEach(() => csoft.close());

const LARGE = Array.from({ length: 11 }, (_, i) => `4477009003${String(i).padStart(2, "0")}`);

function terminal(interactive: boolean, clock = manualClock()) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString("utf8");
  });
  const pager = createPager({ store: memoryStore(), transport: csoft.client, clock });
  const done = runShell({ pager, input, output, interactive, user: "carol" });
  return { input, printed: () => printed, done, clock };
}

describe("a large page at an interactive terminal", () => {
  it("asks y/N and sends on y", async () => {
    const term = terminal(true);
    term.input.write(`/sms ${LARGE.join(",")} db1 is down\n`);
    await until(() => term.printed().includes("Send it? [y/N]"));
    expect(term.printed()).toMatch(/Confirm: this pages 11 numbers/);
    expect(csoft.simulator.requests).toEqual([]);
    term.input.write("y\n");
    await until(() => /11 sent/.test(term.printed()));
    term.input.end("exit\n");
    await term.done;
    expect(csoft.simulator.requests).toHaveLength(1);
  });

  it("sends nothing on anything but y, and goes on reading commands", async () => {
    const term = terminal(true);
    term.input.write(`/sms ${LARGE.join(",")} db1 is down\n`);
    await until(() => term.printed().includes("Send it? [y/N]"));
    term.input.write("\n");
    await until(() => term.printed().includes("Cancelled: nothing was sent."));
    term.input.end("/sms 447700900123 small\n");
    await term.done;
    expect(csoft.simulator.requests).toHaveLength(1);
    expect(csoft.simulator.requests[0]?.params.get("Message")).toBe("small");
  });

  it("gives up when the question expires", async () => {
    const term = terminal(true);
    term.input.write(`/sms ${LARGE.join(",")} db1 is down\n`);
    await until(() => term.printed().includes("Send it? [y/N]"));
    term.clock.advance(300_000);
    await until(() => term.printed().includes("expired"));
    term.input.end("exit\n");
    await term.done;
    expect(csoft.simulator.requests).toEqual([]);
  });
});

describe("a large page from piped input", () => {
  it("is refused without --yes, and sent with it", async () => {
    const term = terminal(false);
    term.input.end(
      [`/sms ${LARGE.join(",")} first`, `/sms ${LARGE.join(",")} second --yes`, ""].join("\n"),
    );
    await term.done;
    expect(term.printed()).toMatch(/this terminal cannot ask: add --yes/);
    expect(csoft.simulator.requests.map((r) => r.params.get("Message"))).toEqual(["second"]);
  });
});
