import { describe, expect, it, vi } from "vitest";
import type { SendRequest } from "../../src/csoft/types.js";
import { manualClock } from "../support/manual-timer.js";
import { clientOptions, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

const page: SendRequest = {
  destination: { kind: "numbers", numbers: ["447700900042"] },
  message: "Database down",
  flash: false,
};

describe("warm()", () => {
  it("opens a connection without writing, and the page is then written on it", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));

    client.warm();
    await vi.waitFor(() => expect(primary.connections).toBe(1));
    expect(primary.requests).toHaveLength(0);
    client.warm(); // a fresh connection is there: nothing more is opened
    const sent = await client.send(page);

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "primary" });
    expect(primary.requests).toHaveLength(1);
    expect(primary.connections).toBe(1);
    expect(secondary.connections).toBe(0);
  });

  it("never writes on a warmed connection that has idled for 2 s: it opens a fresh one", async () => {
    const { primary, secondary } = await cleanup.pair();
    const clock = manualClock();
    const client = cleanup.client(clientOptions(primary, secondary, { clock }));

    client.warm();
    await vi.waitFor(() => expect(primary.connections).toBe(1));
    // Its retirement timer has not run yet (a busy process): the age is checked before writing.
    clock.jump(2_000);
    const sent = await client.send(page);

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "primary" });
    expect(primary.connections).toBe(2);
    expect(primary.requests).toHaveLength(1);
  });

  it("lets a page sent at once use the connection still being opened", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));

    client.warm();
    client.warm();
    await client.send(page);

    expect(primary.requests).toHaveLength(1);
    expect(primary.connections).toBe(1);
  });

  it("warms the secondary during the cool-down", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary, { clock: manualClock() }));
    await primary.setFault("refuse");
    await secondary.setFault("status503"); // leaves no idle connection behind
    await client.send(page);
    await secondary.setFault("none");
    const before = secondary.connections;

    client.warm();

    await vi.waitFor(() => expect(secondary.connections).toBe(before + 1));
    await client.send(page);
    expect(secondary.connections).toBe(before + 1);
    expect(primary.connections).toBe(0);
  });

  it("never throws: not when the server refuses, not after close", async () => {
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("refuse");
    const client = cleanup.client(clientOptions(primary, secondary));

    expect(() => client.warm()).not.toThrow();
    const sent = await client.send(page);
    await client.close();

    expect(sent.results[0]).toMatchObject({ outcome: "accepted", server: "secondary" });
    expect(() => client.warm()).not.toThrow();
  });
});
