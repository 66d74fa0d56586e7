import { createServer, type Server } from "node:http";
import { text as readBody } from "node:stream/consumers";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { parseDeliveryReceipt } from "../../src/csoft/receipt.js";
import { SIMULATED_RECEIPTS, type Simulator } from "../../src/csoft/simulator.js";
import { manualClock, until } from "../support/manual-timer.js";
import { acceptedNumbers, PIN, USERNAME, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

/** A loopback receipt URL that records what it is sent, as our /csoft/receipts would get it. */
interface Receiver {
  url: string;
  bodies: string[];
  contentTypes: (string | undefined)[];
  /** TCP connections the simulator opened to it. */
  connections: number;
  close(): Promise<void>;
}

const receivers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    receivers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.close(resolve);
          server.closeAllConnections();
        }),
    ),
  );
});

async function startReceiver(status = 200): Promise<Receiver> {
  const received: Omit<Receiver, "url" | "close"> = {
    bodies: [],
    contentTypes: [],
    connections: 0,
  };
  const server = createServer(async (req, res) => {
    received.bodies.push(await readBody(req));
    received.contentTypes.push(req.headers["content-type"]);
    res.writeHead(status).end();
  });
  server.on("connection", () => {
    received.connections += 1;
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(received, {
    url: `http://127.0.0.1:${port}/csoft/receipts`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const CALLBACK = { username: "receipts", pin: "r3c31pt" };

async function send(simulator: Simulator, numbers: readonly string[]): Promise<string> {
  const body = `Username=${USERNAME}&PIN=${PIN}&SendTo=${numbers.join(",")}&Message=Hi&ResponseFormat=3`;
  const response = await request(simulator.url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });
  return response.body.text();
}

describe("the simulator's delivery receipts", () => {
  it("publishes its rules in a table: 9 not delivered, 7 left waiting, the rest delivered", () => {
    expect(SIMULATED_RECEIPTS.map((row) => [row.endsWith, row.report])).toEqual([
      ["9", 27],
      ["7", -4],
      [null, 0],
    ]);
  });

  it("posts csoft's fields for each message it accepted, once the delay has passed", async () => {
    const receiver = await startReceiver();
    const clock = manualClock();
    const simulator = await cleanup.simulator({
      receipts: { url: receiver.url, ...CALLBACK, delayMs: 5_000, clock },
    });
    // 15: refused at once (out of credit), so no receipt is due for it.
    const answer = await send(simulator, [
      "447700900042",
      "447700900009",
      "447700900047",
      "447700900015",
    ]);
    expect(answer).toMatch(
      /^MessageIdentifier=30106CCE,30106CCF,30106CD0,30106CD1&Report=%2D2,%2D2,%2D2,15&/,
    );

    clock.advance(4_999);
    expect(clock.pending()).toBe(1);
    expect(simulator.receipts).toEqual([]);
    clock.advance(1);
    await until(() => receiver.bodies.length === 3);

    expect(receiver.contentTypes).toEqual(
      Array(3).fill('application/x-www-form-urlencoded; charset="utf-8"'),
    );
    const byId = receiver.bodies
      .map(parseDeliveryReceipt)
      .sort((a, b) => a.messageIdentifier.localeCompare(b.messageIdentifier));
    const at = new Date(Date.parse("2026-11-25T03:00:05Z"));
    expect(byId).toEqual([
      {
        ...CALLBACK,
        sendTo: "447700900042",
        messageIdentifier: "30106CCE",
        report: 0,
        text: "Delivered",
        timestamp: at,
      },
      {
        ...CALLBACK,
        sendTo: "447700900009",
        messageIdentifier: "30106CCF",
        report: 27,
        text: "Expired at the message centre",
        timestamp: at,
      },
      {
        ...CALLBACK,
        sendTo: "447700900047",
        messageIdentifier: "30106CD0",
        report: -4,
        text: "Handed to the message centre",
        timestamp: at,
      },
    ]);
    const names = receiver.bodies[0]?.split("&").map((field) => field.split("=")[0]);
    expect(names).toEqual([
      "Username",
      "PIN",
      "SendTo",
      "MessageIdentifier",
      "Report",
      "Text",
      "Timestamp1",
    ]);
    await until(() => simulator.receipts.length === 3);
    expect(simulator.receipts.map((receipt) => receipt.status)).toEqual([200, 200, 200]);
  });

  it("sends NULL for a Username and PIN left empty, as csoft does", async () => {
    const receiver = await startReceiver();
    const clock = manualClock();
    const simulator = await cleanup.simulator({
      receipts: { url: receiver.url, delayMs: 10, clock },
    });
    await send(simulator, ["447700900042"]);
    clock.advance(10);
    await until(() => receiver.bodies.length === 1);
    expect(receiver.bodies[0]).toMatch(/^Username=NULL&PIN=NULL&SendTo=447700900042&/);
  });

  it("posts nothing without a receipt URL, and nothing still due once closed", async () => {
    const plain = await cleanup.simulator();
    await send(plain, ["447700900042"]);
    expect(plain.receipts).toEqual([]);

    const receiver = await startReceiver();
    const clock = manualClock();
    const simulator = await cleanup.simulator({
      receipts: { url: receiver.url, delayMs: 10, clock },
    });
    await send(simulator, ["447700900042"]);
    expect(clock.pending()).toBe(1);
    await simulator.close();
    expect(clock.pending()).toBe(0);
    expect(receiver.bodies).toEqual([]);
  });

  it("records a receiver that cannot be reached, and goes on", async () => {
    const receiver = await startReceiver();
    await receiver.close();
    const clock = manualClock();
    const simulator = await cleanup.simulator({
      receipts: { url: receiver.url, delayMs: 10, clock },
    });
    await send(simulator, ["447700900042", "447700900009"]);
    clock.advance(10);
    await until(() => simulator.receipts.length === 2);
    expect(simulator.receipts.map((receipt) => receipt.error)).toEqual([
      "ECONNREFUSED",
      "ECONNREFUSED",
    ]);
    expect(await send(simulator, ["447700900042"])).toContain("Report=%2D2");
  });

  it("posts 3,500 receipts for ten full requests over a few connections", async () => {
    const receiver = await startReceiver();
    const clock = manualClock();
    const simulator = await cleanup.simulator({
      receipts: { url: receiver.url, delayMs: 1_000, clock },
    });
    const numbers = acceptedNumbers(3_500);
    for (let first = 0; first < numbers.length; first += 350) {
      await send(simulator, numbers.slice(first, first + 350));
    }
    expect(clock.pending()).toBe(10);
    clock.advance(1_000);
    await until(() => simulator.receipts.length === 3_500, 20_000);
    expect(simulator.receipts.every((receipt) => receipt.status === 200)).toBe(true);
    const ids = new Set(
      receiver.bodies.map((body) => parseDeliveryReceipt(body).messageIdentifier),
    );
    expect(ids.size).toBe(3_500);
    expect(receiver.connections).toBeLessThanOrEqual(8);
  });
});
