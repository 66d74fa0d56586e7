import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runShell } from "../../adapters/shell/shell.js";
import { CsoftClient } from "../../src/csoft/client.js";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { createPager } from "../../src/page/pager.js";
import { memoryStore } from "../support/store.js";

const PIN = "735911";
let primary: Simulator;
let secondary: Simulator;
let client: CsoftClient;

/** Runs piped lines through the terminal adapter and returns what it printed. */
async function shell(...lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (chunk: Buffer) => {
    printed += chunk.toString("utf8");
  });
  const pager = createPager({ store: memoryStore(), transport: client });
  const done = runShell({ pager, input, output, interactive: false, user: "carol" });
  input.end(lines.map((line) => `${line}\n`).join(""));
  await done;
  return printed;
}

function rawBodies(): string[] {
  return secondary.requests.map((request) => request.body);
}

beforeAll(async () => {
  primary = await startSimulator({ username: "ops.1", pin: PIN });
  secondary = await startSimulator({ username: "ops.1", pin: PIN });
  await primary.setFault("refuse");
  // A long cool-down keeps every batch on the secondary once the primary has refused.
  client = new CsoftClient({
    credentials: { username: "ops.1", pin: PIN },
    primaryUrl: primary.url,
    secondaryUrl: secondary.url,
    coolDownMs: 600_000,
  });
});

afterAll(async () => {
  await client.close();
  await primary.close();
  await secondary.close();
});

beforeEach(() => {
  secondary.requests.length = 0;
});

describe("the terminal adapter with the primary refusing connections", () => {
  it("sends each batch exactly once, to the secondary, and says so", async () => {
    const printed = await shell("/sms 447700900123 Hello World");
    expect(secondary.requests).toHaveLength(1);
    expect(primary.requests).toHaveLength(0);
    expect(printed).toMatch(/447700900123 +code -2 +.*id [0-9A-F]{8} \(secondary\)/);
  });

  it("names the user it was given as the sender", async () => {
    const printed = await shell("/sms 447700900123 Hello World");
    expect(printed).toContain("carol paged 447700900123");
  });

  it("encodes spaces as %20 and every UTF-8 octet as %XX", async () => {
    await shell("/sms 447700900123 Hello World", "/sms 447700900123 א");
    expect(rawBodies()[0]).toContain("&Message=Hello%20World&");
    expect(rawBodies()[1]).toContain("&Message=%D7%90&");
  });

  it("keeps an injection attempt inside one Message value", async () => {
    await shell("/sms 447700900123 x&PIN=1&SendTo=447700999999");
    const params = secondary.requests[0]?.params;
    expect(params?.getAll("Message")).toEqual(["x&PIN=1&SendTo=447700999999"]);
    expect(params?.getAll("SendTo")).toEqual(["447700900123"]);
    expect(params?.getAll("PIN")).toEqual([PIN]);
  });

  it("sends 700 numbers as two requests of 350", async () => {
    const numbers = Array.from({ length: 700 }, (_, i) => `4477009${String(10000 + i)}`);
    const printed = await shell(`/sms ${numbers.join(",")} evacuate the data centre --yes`);
    const sizes = secondary.requests.map((r) => r.params.get("SendTo")?.split(",").length);
    expect(sizes).toEqual([350, 350]);
    expect(new Set(secondary.requests.flatMap((r) => r.params.get("SendTo")?.split(",")))).toEqual(
      new Set(numbers),
    );
    expect(printed).toMatch(/700 sent: .*2 requests/);
  });

  it("sends --flash as FlashMessage instead of Message", async () => {
    await shell("/sms 447700900123 db1 is down --flash");
    const params = secondary.requests[0]?.params;
    expect(params?.get("FlashMessage")).toBe("db1 is down");
    expect(params?.has("Message")).toBe(false);
  });

  it("turns --delay, --service and --reply-to into csoft parameters", async () => {
    await shell(
      "/sms 447700900123 db1 is down --delay 30 --service economy --reply-to 447700900999",
    );
    const params = secondary.requests[0]?.params;
    expect(params?.get("SendTimeDelay")).toBe("30");
    expect(params?.get("DeliveryServiceOption")).toBe("Economy");
    expect(params?.get("ReplyTo")).toBe("447700900999");
    expect(params?.get("ResponseFormat")).toBe("3");
  });

  it("shows report code 15 beside its number and never retries it", async () => {
    const printed = await shell("/sms 447700900115,447700900101 db1 is down");
    expect(secondary.requests).toHaveLength(1);
    expect(printed).toMatch(/FAILED +447700900115 +code 15 +out of credit/i);
    const lines = printed.split("\n");
    const failed = lines.findIndex((line) => line.includes("447700900115"));
    const accepted = lines.findIndex((line) => line.includes("447700900101  code"));
    expect(failed).toBeLessThan(accepted);
  });

  it.each([
    ["/sms 12 hi", /`?12`? is not an international number/],
    ["/sms 447700900007", /message/i],
  ])("refuses %j with a clear error and sends nothing", async (line, problem) => {
    const printed = await shell(line);
    expect(printed).toMatch(problem);
    expect(printed).toMatch(/example/i);
    expect(secondary.requests).toEqual([]);
  });

  it("runs piped commands in order and skips blank and comment lines", async () => {
    const printed = await shell(
      "# a comment",
      "",
      "/sms 447700900101 first",
      "447700900102 second",
    );
    expect(secondary.requests.map((r) => r.params.get("Message"))).toEqual(["first", "second"]);
    expect(printed.indexOf("first")).toBeLessThan(printed.indexOf("second"));
  });

  it("never prints the PIN", async () => {
    const printed = await shell("/sms 447700900123 hi", "/sms 12 hi", "/sms help");
    expect(printed).not.toContain(PIN);
  });
});

describe("the terminal adapter when nobody reads its output", () => {
  it("stops taking commands without crashing when the output pipe is closed", async () => {
    const input = new PassThrough();
    const output = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
      },
    });
    const pager = createPager({ store: memoryStore(), transport: client });
    const done = runShell({ pager, input, output, interactive: false, user: "carol" });
    input.write("/sms 447700900123 first\n");
    // The page went out; only its report could not be shown.
    await expect(done).resolves.toBe("done");
    input.end("/sms 447700900124 second\n");
    expect(secondary.requests.map((r) => r.params.get("Message"))).toEqual(["first"]);
  });
});
