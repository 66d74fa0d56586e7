import { afterEach, beforeEach } from "vitest";
import { CsoftClient } from "../../src/csoft/client.js";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { createPager, type Pager, type PagerDeps } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import { type RecordingSurface, recordingSurface } from "./recording-surface.js";

export interface LocalCsoft {
  simulator: Simulator;
  client: CsoftClient;
  close(): Promise<void>;
}

/** A csoft simulator on loopback and a real client whose primary and secondary are both it. */
export async function startLocalCsoft(): Promise<LocalCsoft> {
  const simulator = await startSimulator();
  const client = new CsoftClient({
    credentials: { username: "demo", pin: "0000" },
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
  });
  return {
    simulator,
    client,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}

export interface PagerFixture {
  readonly simulator: Simulator;
  readonly pager: Pager;
  readonly surface: RecordingSurface;
  readonly ctx: CommandContext;
}

/**
 * For each test: a fresh loopback csoft, a pager on it with `deps`, and a recording surface
 * for a terminal user called `actorName`. Read the fields inside tests, not at load time.
 */
export function usePagerFixture(
  deps: Omit<PagerDeps, "transport"> = {},
  actorName = "alice",
): PagerFixture {
  let csoft: LocalCsoft | undefined;
  let current: PagerFixture | undefined;
  beforeEach(async () => {
    csoft = await startLocalCsoft();
    const surface = recordingSurface();
    current = {
      simulator: csoft.simulator,
      pager: createPager({ ...deps, transport: csoft.client }),
      surface,
      ctx: { actor: { platform: "shell", id: "u1", name: actorName }, surface },
    };
  });
  afterEach(() => csoft?.close());
  const get = (): PagerFixture => {
    if (!current) throw new Error("usePagerFixture: read its fields inside a test");
    return current;
  };
  return {
    get simulator() {
      return get().simulator;
    },
    get pager() {
      return get().pager;
    },
    get surface() {
      return get().surface;
    },
    get ctx() {
      return get().ctx;
    },
  };
}
