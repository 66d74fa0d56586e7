import { afterEach, beforeEach } from "vitest";
import { CsoftClient } from "../../src/csoft/client.js";
import {
  DEMO_ACCOUNT,
  type SimulatedAccount,
  type Simulator,
  startSimulator,
} from "../../src/csoft/simulator.js";
import type { Logger } from "../../src/log.js";
import { createPager, type Pager, type PagerDeps } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import { type RecordingSurface, recordingSurface } from "./recording-surface.js";
import { memoryStore } from "./store.js";

export interface LocalCsoft {
  simulator: Simulator;
  client: CsoftClient;
  close(): Promise<void>;
}

export interface LocalCsoftOptions {
  /** The account the simulator accepts and the client logs in with. */
  account?: SimulatedAccount;
  /** Delay before the simulator answers each request. */
  latencyMs?: number;
  /** The client's logger, for tests that read what the transport logs. */
  logger?: Logger;
}

/** A csoft simulator on loopback and a real client whose primary and secondary are both it. */
export async function startLocalCsoft({
  account = DEMO_ACCOUNT,
  latencyMs = 0,
  logger,
}: LocalCsoftOptions = {}): Promise<LocalCsoft> {
  const simulator = await startSimulator({ ...account, latencyMs });
  const client = new CsoftClient({
    credentials: account,
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
    ...(logger && { logger }),
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
  deps: Omit<PagerDeps, "transport" | "store"> & Partial<Pick<PagerDeps, "store">> = {},
  actorName = "alice",
): PagerFixture {
  let csoft: LocalCsoft | undefined;
  let current: PagerFixture | undefined;
  beforeEach(async () => {
    csoft = await startLocalCsoft();
    const surface = recordingSurface();
    current = {
      simulator: csoft.simulator,
      pager: createPager({ store: memoryStore(), ...deps, transport: csoft.client }),
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
