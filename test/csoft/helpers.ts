import { afterEach } from "vitest";
import { CsoftClient, type CsoftClientOptions } from "../../src/csoft/client.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/csoft/simulator.js";

/** Distinctive, so a leak into any message or log line is unmistakable. */
export const PIN = "739154";
export const USERNAME = "ops.team";

/** Starts simulators and clients that are closed after each test. */
export function useCleanup(): {
  simulator(options?: SimulatorOptions): Promise<Simulator>;
  pair(options?: SimulatorOptions): Promise<{ primary: Simulator; secondary: Simulator }>;
  client(options: CsoftClientOptions): CsoftClient;
} {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
    const started = await startSimulator({ username: USERNAME, pin: PIN, ...options });
    closers.push(() => started.close());
    return started;
  }
  return {
    simulator,
    async pair(options = {}) {
      const [primary, secondary] = await Promise.all([simulator(options), simulator(options)]);
      return { primary, secondary };
    },
    client(options) {
      const client = new CsoftClient(options);
      closers.push(() => client.close());
      return client;
    },
  };
}

export function clientOptions(
  primary: Simulator,
  secondary: Simulator,
  overrides: Partial<CsoftClientOptions> = {},
): CsoftClientOptions {
  return {
    credentials: { username: USERNAME, pin: PIN },
    primaryUrl: primary.url,
    secondaryUrl: secondary.url,
    ...overrides,
  };
}

/** `count` distinct numbers that the simulator accepts (none ends in a special pair). */
export function acceptedNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `4477${String(i * 100 + 42).padStart(8, "0")}`);
}
