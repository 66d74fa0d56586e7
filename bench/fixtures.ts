// What every scenario shares: the account, the numbers, the page, and the client under test.
import { CsoftClient, type CsoftClientOptions } from "../src/csoft/client.js";
import type { SendRequest } from "../src/csoft/types.js";
import type { Settings } from "./settings.js";

export const BENCH_CREDENTIALS = { username: "bench", pin: "0000" } as const;

export const BENCH_MESSAGE = "Benchmark page: db1 is down";

/** `count` distinct numbers the simulator accepts (report code -2: none ends in a special pair). */
export function acceptedNumbers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `4477${String(i * 100 + 42).padStart(8, "0")}`);
}

export function pageOf(numbers: readonly string[]): SendRequest {
  return { destination: { kind: "numbers", numbers }, message: BENCH_MESSAGE, flash: false };
}

/** The real client with the bench's settings; `overrides` for what a scenario changes. */
export function benchClient(
  urls: { primary: string; secondary: string },
  settings: Settings,
  overrides: Partial<CsoftClientOptions> = {},
): CsoftClient {
  return new CsoftClient({
    credentials: BENCH_CREDENTIALS,
    primaryUrl: urls.primary,
    secondaryUrl: urls.secondary,
    concurrency: settings.concurrency,
    connectTimeoutMs: settings.connectTimeoutMs,
    hedgeDelayMs: settings.hedgeDelayMs,
    ...overrides,
  });
}
