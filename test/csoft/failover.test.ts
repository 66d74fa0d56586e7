import { buildConnector } from "undici";
import { describe, expect, it } from "vitest";
import { CsoftAnswerLostError, CsoftUnreachableError } from "../../src/csoft/errors.js";
import type { Simulator } from "../../src/csoft/simulator.js";
import type { SendRequest } from "../../src/csoft/types.js";
import { manualClock } from "../support/manual-timer.js";
import { acceptedNumbers, clientOptions, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

const page = (numbers: string[]): SendRequest => ({
  destination: { kind: "numbers", numbers },
  message: "Database down",
  flash: false,
});

const portOf = (simulator: Simulator): string => new URL(simulator.url).port;

describe("failover when the primary could not be reached", () => {
  it("sends each batch to the secondary exactly once when the primary refuses connections", async () => {
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("refuse");
    const client = cleanup.client(clientOptions(primary, secondary, { batchSize: 2 }));
    const numbers = acceptedNumbers(6);

    const sent = await client.send(page(numbers));

    expect(secondary.requests.map((r) => r.params.get("SendTo"))).toEqual(
      expect.arrayContaining([
        numbers.slice(0, 2).join(","),
        numbers.slice(2, 4).join(","),
        numbers.slice(4, 6).join(","),
      ]),
    );
    expect(secondary.requests).toHaveLength(3);
    expect(sent.results.map((r) => [r.recipient, r.outcome, r.server])).toEqual(
      numbers.map((number) => [number, "accepted", "secondary"]),
    );
    expect(sent.batches.every((b) => b.failedOver && b.server === "secondary")).toBe(true);
  });

  it("fails over when the primary answers 503, the server saying it takes no requests", async () => {
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("status503");
    const client = cleanup.client(clientOptions(primary, secondary));

    const sent = await client.send(page(["447700900042"]));

    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(1);
    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "secondary" });
    expect(sent.batches[0]).toMatchObject({ failedOver: true, server: "secondary" });
  });

  it("fails over after a connect time-out, even through an injected connector", async () => {
    const { primary, secondary } = await cleanup.pair();
    const realConnector = buildConnector({});
    const primaryPort = portOf(primary);
    // Never calls back for the primary: a black-holed address.
    const connector: buildConnector.connector = (options, callback) => {
      if (String(options.port) !== primaryPort) realConnector(options, callback);
    };
    // Hedging off: only the connect time-out can end the wait for the primary.
    const client = cleanup.client(
      clientOptions(primary, secondary, { connector, connectTimeoutMs: 100, hedgeDelayMs: 0 }),
    );

    const sent = await client.send(page(["447700900042"]));

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "secondary" });
    expect(primary.connections).toBe(0);
    expect(secondary.requests).toHaveLength(1);
  });
});

describe("an answer lost after the request was sent", () => {
  it("is unknown and never sent to the secondary when the primary hangs", async () => {
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("hang");
    const client = cleanup.client(clientOptions(primary, secondary, { responseTimeoutMs: 200 }));

    const sent = await client.send(page(["447700900042", "447700900043"]));

    expect(sent.results.map((r) => [r.outcome, r.reportCode, r.server])).toEqual([
      ["unknown", null, null],
      ["unknown", null, null],
    ]);
    expect(sent.results[0]?.meaning).toMatch(/not resent/);
    const error = sent.batches[0]?.error;
    expect(error).toBeInstanceOf(CsoftAnswerLostError);
    expect(error).toMatchObject({ code: "CSOFT_ANSWER_UNKNOWN", server: "primary" });
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
  });

  it("is unknown after the deadline, not resent, when the answer trickles in byte by byte", async () => {
    const { primary, secondary } = await cleanup.pair({ trickleIntervalMs: 50 });
    await primary.setFault("trickle");
    const client = cleanup.client(clientOptions(primary, secondary, { responseTimeoutMs: 300 }));

    const sent = await client.send(page(["447700900042"]));

    expect(sent.results[0]).toMatchObject({ outcome: "unknown", server: null });
    const error = sent.batches[0]?.error;
    expect(error).toBeInstanceOf(CsoftAnswerLostError);
    expect(error).toMatchObject({ server: "primary", reason: "no answer within 300 ms" });
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
  });

  it.each([
    ["status504", "HTTP 504"],
    ["status500", "HTTP 500"],
    ["malformed", "not a csoft response (HTTP 200)"],
    ["reset", "the connection closed before the answer"],
  ] as const)(
    "is unknown, and the secondary never contacted, when the primary gives %s",
    async (fault, reason) => {
      const { primary, secondary } = await cleanup.pair();
      await primary.setFault(fault);
      const client = cleanup.client(clientOptions(primary, secondary));

      const sent = await client.send(page(["447700900042", "447700900043"]));

      expect(sent.results.map((r) => [r.outcome, r.reportCode, r.server])).toEqual([
        ["unknown", null, null],
        ["unknown", null, null],
      ]);
      expect(sent.batches[0]?.error).toBeInstanceOf(CsoftAnswerLostError);
      expect(sent.batches[0]?.error).toMatchObject({ server: "primary", reason });
      expect(sent.batches[0]?.failedOver).toBe(false);
      expect(primary.requests).toHaveLength(1);
      expect(secondary.connections).toBe(0);
    },
  );

  it("is unknown and not resent when the primary drops the connection", async () => {
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("drop");
    const client = cleanup.client(clientOptions(primary, secondary));

    const sent = await client.send(page(["447700900042"]));

    expect(sent.results[0]).toMatchObject({ outcome: "unknown", server: null });
    expect(sent.batches[0]?.error).toBeInstanceOf(CsoftAnswerLostError);
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
  });
});

describe("the cool-down after a primary failure", () => {
  it("goes straight to the secondary during the cool-down, and back to the primary after it", async () => {
    const { primary, secondary } = await cleanup.pair();
    const clock = manualClock();
    const client = cleanup.client(clientOptions(primary, secondary, { coolDownMs: 60_000, clock }));
    await primary.setFault("refuse");
    await client.send(page(["447700900042"]));
    expect(secondary.requests).toHaveLength(1);

    await primary.setFault("none");
    clock.advance(59_999);
    const during = await client.send(page(["447700900042"]));
    expect(during.results[0]?.server).toBe("secondary");
    expect(primary.connections).toBe(0);
    expect(secondary.requests).toHaveLength(2);

    clock.advance(1);
    const after = await client.send(page(["447700900042"]));
    expect(after.results[0]?.server).toBe("primary");
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(2);
  });

  it("falls back to the primary when the preferred secondary cannot be reached", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary, { clock: manualClock() }));
    await primary.setFault("status503");
    await secondary.setFault("refuse");
    await client.send(page(["447700900042"]));
    await primary.setFault("none");

    const sent = await client.send(page(["447700900042"]));

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "primary" });
    expect(sent.batches[0]?.failedOver).toBe(true);
    expect(primary.requests).toHaveLength(2);
  });
});

describe("when neither server can be reached", () => {
  it("fails every number with CsoftUnreachableError naming both causes", async () => {
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("refuse");
    await secondary.setFault("status503");
    const client = cleanup.client(clientOptions(primary, secondary));

    const sent = await client.send(page(["447700900042", "447700900043"]));

    expect(sent.results.map((r) => [r.outcome, r.reportCode, r.server])).toEqual([
      ["failed", null, null],
      ["failed", null, null],
    ]);
    const error = sent.batches[0]?.error;
    expect(error).toBeInstanceOf(CsoftUnreachableError);
    expect(error).toMatchObject({ code: "CSOFT_UNREACHABLE" });
    expect(error?.message).toBe(
      "could not reach csoft (primary: connection refused; secondary: HTTP 503)",
    );
    expect((error as CsoftUnreachableError).failures.map((f) => f.server)).toEqual([
      "primary",
      "secondary",
    ]);
    expect(secondary.requests).toHaveLength(1);
  });
});
