import type { Socket } from "node:net";
import { buildConnector } from "undici";
import { describe, expect, it, vi } from "vitest";
import type { Simulator } from "../../src/csoft/simulator.js";
import type { SendRequest } from "../../src/csoft/types.js";
import { createLogger } from "../../src/log.js";
import { manualClock } from "../support/manual-timer.js";
import { clientOptions, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

const page: SendRequest = {
  destination: { kind: "numbers", numbers: ["447700900042"] },
  message: "Database down",
  flash: false,
};

const realConnector = buildConnector({});

/**
 * A connector that holds back every connect to `held` (a black-holed primary) until released;
 * connects to anything else at once. Counts the held attempts.
 */
function holdingConnector(held: Simulator) {
  const port = new URL(held.url).port;
  const waiting: (() => void)[] = [];
  const connector: buildConnector.connector = (options, callback) => {
    if (String(options.port) !== port) return realConnector(options, callback);
    waiting.push(() => realConnector(options, callback));
  };
  return {
    connector,
    attempts: () => waiting.length,
    release: () => {
      for (const connect of waiting.splice(0)) connect();
    },
  };
}

describe("hedged connect", () => {
  it("sends over the secondary when the primary has not connected within the hedge delay", async () => {
    const { primary, secondary } = await cleanup.pair();
    const held = holdingConnector(primary);
    const lines: string[] = [];
    const logger = createLogger({ destination: { write: (line: string) => lines.push(line) } });
    const clock = manualClock();
    // The connect time-out is far longer than the test may run: only the hedge can finish it.
    const client = cleanup.client(
      clientOptions(primary, secondary, {
        connector: held.connector,
        connectTimeoutMs: 600_000,
        hedgeDelayMs: 20,
        logger,
        clock,
      }),
    );

    const sending = client.send(page);
    await vi.waitFor(() => expect(held.attempts()).toBe(1));
    clock.advance(19);
    expect(secondary.connections).toBe(0);
    clock.advance(1);
    const sent = await sending;

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "secondary" });
    expect(sent.batches[0]).toMatchObject({ server: "secondary", failedOver: true });
    expect(secondary.requests).toHaveLength(1);
    expect(primary.connections).toBe(0);
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({
        msg: "csoft server could not be reached; failing over",
        from: "primary",
        to: "secondary",
        reason: "no connection within 20 ms, and secondary connected first",
      }),
    );

    // The cool-down holds as after any failover: the next page goes to the secondary directly.
    const next = await client.send(page);
    expect(next.results[0]?.server).toBe("secondary");
    expect(held.attempts()).toBe(1);
  });

  it("closes a primary connection that completes after the secondary won, without writing to it", async () => {
    const { primary, secondary } = await cleanup.pair();
    const held = holdingConnector(primary);
    const sockets: Socket[] = [];
    const connector: buildConnector.connector = (options, callback) =>
      held.connector(options, (error, socket) => {
        if (socket && String(options.port) === new URL(primary.url).port) sockets.push(socket);
        if (error) callback(error, null);
        else if (socket) callback(null, socket);
      });
    const clock = manualClock();
    const client = cleanup.client(
      clientOptions(primary, secondary, {
        connector,
        connectTimeoutMs: 600_000,
        hedgeDelayMs: 20,
        clock,
      }),
    );

    const sending = client.send(page);
    await vi.waitFor(() => expect(held.attempts()).toBe(1));
    clock.advance(20);
    const sent = await sending;
    held.release();

    await vi.waitFor(() => expect(sockets[0]?.destroyed).toBe(true));
    expect(sent.results[0]?.server).toBe("secondary");
    expect(primary.connections).toBe(1);
    expect(primary.requests).toHaveLength(0);
    expect(secondary.requests).toHaveLength(1);
  });

  it("uses a primary that connects within the hedge delay, and never contacts the secondary", async () => {
    const { primary, secondary } = await cleanup.pair();
    const held = holdingConnector(primary);
    const client = cleanup.client(
      clientOptions(primary, secondary, { connector: held.connector, hedgeDelayMs: 600_000 }),
    );

    const sending = client.send(page);
    await vi.waitFor(() => expect(held.attempts()).toBe(1));
    held.release();
    const sent = await sending;

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "primary" });
    expect(sent.batches[0]?.failedOver).toBe(false);
    expect(primary.requests).toHaveLength(1);
    expect(secondary.connections).toBe(0);
  });

  it("is no failover when the hedge to the secondary fails and the primary then connects", async () => {
    const { primary, secondary } = await cleanup.pair();
    const held = holdingConnector(primary);
    let secondaryRefused = false;
    const connector: buildConnector.connector = (options, callback) => {
      if (String(options.port) !== new URL(secondary.url).port) {
        return held.connector(options, callback);
      }
      secondaryRefused = true;
      callback(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }), null);
    };
    const clock = manualClock();
    const client = cleanup.client(
      clientOptions(primary, secondary, { connector, hedgeDelayMs: 20, clock }),
    );

    const sending = client.send(page);
    await vi.waitFor(() => expect(held.attempts()).toBe(1));
    clock.advance(20);
    await vi.waitFor(() => expect(secondaryRefused).toBe(true));
    held.release();
    const sent = await sending;
    clock.advance(1);
    const next = await client.send(page);

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "primary" });
    expect(sent.batches[0]?.failedOver).toBe(false);
    expect(next.results[0]?.server).toBe("primary");
    expect(primary.requests).toHaveLength(2);
  });

  it("with hedging off (0), waits for the primary however long it takes to connect", async () => {
    const { primary, secondary } = await cleanup.pair();
    const held = holdingConnector(primary);
    const client = cleanup.client(
      clientOptions(primary, secondary, {
        connector: held.connector,
        connectTimeoutMs: 600_000,
        hedgeDelayMs: 0,
      }),
    );

    const sending = client.send(page);
    await vi.waitFor(() => expect(held.attempts()).toBe(1));
    held.release();
    const sent = await sending;

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "primary" });
    expect(secondary.connections).toBe(0);
  });
});
