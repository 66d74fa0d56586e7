// Durations and times come from the one injected clock, so a test can state them exactly.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CsoftClient } from "../src/csoft/client.js";
import { DEMO_ACCOUNT, type Simulator, startSimulator } from "../src/csoft/simulator.js";
import type { SmsTransport } from "../src/csoft/types.js";
import { createPager } from "../src/page/pager.js";
import type { CommandContext } from "../src/page/types.js";
import { type ManualClock, manualClock } from "./support/manual-timer.js";
import { recordingSurface } from "./support/recording-surface.js";
import { runText } from "./support/run-text.js";
import { memoryStore } from "./support/store.js";

let simulator: Simulator;
let clock: ManualClock;
let client: CsoftClient;

beforeEach(async () => {
  simulator = await startSimulator({ ...DEMO_ACCOUNT });
  clock = manualClock();
  client = new CsoftClient({
    credentials: DEMO_ACCOUNT,
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
    clock,
  });
});

afterEach(async () => {
  await client.close();
  await simulator.close();
});

const page = {
  destination: { kind: "numbers", numbers: ["447700900123"] },
  message: "db1 is down",
  flash: false,
} as const;

describe("the one clock", () => {
  it("times the csoft client's sends and batches", async () => {
    const sending = client.send(page);
    clock.advance(1_234);
    const sent = await sending;
    expect(sent.durationMs).toBe(1_234);
    expect(sent.batches[0]?.durationMs).toBe(1_234);
  });

  it("times the pager's pages and dates its questions", async () => {
    const transport: SmsTransport = {
      send: async (request, options) => {
        const sending = client.send(request, options);
        clock.advance(750);
        return sending;
      },
      close: () => client.close(),
    };
    const surface = recordingSurface();
    const ctx: CommandContext = { actor: { platform: "shell", id: "op", name: "op" }, surface };
    const pager = createPager({ store: memoryStore(), transport, clock, confirmAbove: 0 });
    await runText(pager, "447700900123 db1 is down", ctx);
    expect(surface.reports[0]?.durationMs).toBe(750);
    expect(surface.questions[0]?.expiresAt).toEqual(new Date(clock.now() - 750 + 300_000));
  });
});
