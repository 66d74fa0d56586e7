// The network floor, measured: the client's own request bodies sent by a bare undici Pool
// (keep-alive, `concurrency` at a time) that encodes, decodes and records nothing. Measured next
// to each client run, it moves with the machine's load as the client's time does, so the
// difference between the two is what the client adds.
import { Pool } from "undici";
import { CSOFT_CONTENT_TYPE, encodeSendRequest } from "../src/csoft/encode.js";
import { mapWithLimit } from "../src/csoft/map-with-limit.js";
import { MAX_BATCH_SIZE } from "../src/defaults.js";
import { BENCH_CREDENTIALS, pageOf } from "./fixtures.js";

/** The bodies the client sends for these numbers, one per batch. */
export function bodiesFor(numbers: readonly string[]): string[] {
  const bodies: string[] = [];
  for (let start = 0; start < numbers.length; start += MAX_BATCH_SIZE) {
    const batch = numbers.slice(start, start + MAX_BATCH_SIZE);
    bodies.push(encodeSendRequest(BENCH_CREDENTIALS, pageOf(numbers), batch));
  }
  return bodies;
}

/** How long a bare client takes to post `bodies` on fresh connections and read every answer. */
export async function bareRoundTrips(
  url: string,
  bodies: readonly string[],
  concurrency: number,
): Promise<number> {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections: concurrency, pipelining: 1 });
  try {
    const started = performance.now();
    await mapWithLimit(bodies, concurrency, async (body) => {
      const response = await pool.request({
        path: pathname,
        method: "POST",
        headers: { "content-type": CSOFT_CONTENT_TYPE },
        body,
      });
      await response.body.arrayBuffer();
    });
    return performance.now() - started;
  } finally {
    await pool.close();
  }
}
