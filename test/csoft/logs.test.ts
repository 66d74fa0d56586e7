import { describe, expect, it } from "vitest";
import type { SimulatorFault } from "../../src/csoft/simulator.js";
import { createLogger } from "../../src/log.js";
import { clientOptions, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level: "debug",
    destination: { write: (line: string) => lines.push(JSON.parse(line)) },
  });
  return { lines, logger };
}

describe("csoft log lines", () => {
  it.each([
    [["refuse", "none"], "csoft server could not be reached; failing over"],
    [["hang", "none"], "csoft answer lost; not resending"],
    [["refuse", "status503"], "no csoft server could be reached"],
  ] as const)(
    "go to the logger given to send(), page id and error included (%j)",
    async (faults: readonly [SimulatorFault, SimulatorFault], message) => {
      const { primary, secondary } = await cleanup.pair();
      await primary.setFault(faults[0]);
      await secondary.setFault(faults[1]);
      const own = capture();
      const page = capture();
      const client = cleanup.client(
        clientOptions(primary, secondary, { logger: own.logger, responseTimeoutMs: 200 }),
      );

      await client.send(
        {
          destination: { kind: "numbers", numbers: ["447700900042"] },
          message: "Database down",
          flash: false,
        },
        { logger: page.logger.child({ pageId: 7 }) },
      );

      expect(own.lines).toEqual([]);
      expect(page.lines.map((line) => line.msg)).toContain(message);
      expect(page.lines.map((line) => line.msg)).toContain("csoft batch");
      expect(page.lines.every((line) => line.pageId === 7)).toBe(true);
      const warning = page.lines.find((line) => line.msg === message);
      expect(warning?.err).toMatchObject({ type: expect.any(String), message: expect.any(String) });
    },
  );
});
