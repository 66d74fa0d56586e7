import { describe, expect, it } from "vitest";
import type { SimulatorFault } from "../../src/csoft/simulator.js";
import type { Credentials, SendResult } from "../../src/csoft/types.js";
import { createLogger } from "../../src/log.js";
import { clientOptions, PIN, USERNAME, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

/** Every message of an error and its causes, however deep. */
function errorTexts(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  const nested = error instanceof AggregateError ? error.errors.flatMap(errorTexts) : [];
  const cause = error.cause === undefined ? [] : errorTexts(error.cause);
  return [error.message, error.stack ?? "", String(error), ...nested, ...cause];
}

describe("the PIN never leaves the request body", () => {
  it("appears in no result, error message or log line, whatever happens", async () => {
    const lines: string[] = [];
    const logger = createLogger({
      level: "debug",
      destination: { write: (line: string) => lines.push(line) },
    });
    const sent: SendResult[] = [];
    /** A fresh pair of servers per scenario, so no kept-alive connection carries over. */
    async function scenario(
      faults: [SimulatorFault, SimulatorFault],
      credentials: Credentials = { username: USERNAME, pin: PIN },
    ): Promise<void> {
      const { primary, secondary } = await cleanup.pair();
      await primary.setFault(faults[0]);
      await secondary.setFault(faults[1]);
      const client = cleanup.client(
        clientOptions(primary, secondary, { logger, credentials, responseTimeoutMs: 200 }),
      );
      sent.push(
        await client.send({
          destination: { kind: "numbers", numbers: ["447700900015", "447700900042"] },
          message: `PIN is ${PIN}?`,
          flash: false,
        }),
      );
    }

    await scenario(["none", "none"]);
    await scenario(["malformed", "none"]);
    await scenario(["refuse", "status503"]);
    await scenario(["drop", "none"]);
    await scenario(["hang", "none"]);
    await scenario(["none", "none"], { username: USERNAME, pin: `${PIN}0` });

    const errors = sent.flatMap((result) => result.batches.map((batch) => batch.error));
    expect(errors.map((error) => error?.name)).toEqual([
      undefined,
      "CsoftAnswerLostError",
      "CsoftUnreachableError",
      "CsoftAnswerLostError",
      "CsoftAnswerLostError",
      "CsoftReportError",
    ]);
    expect(lines.some((line) => line.includes('"csoft batch"'))).toBe(true);
    expect(lines.some((line) => line.includes("failing over"))).toBe(true);
    for (const text of [...lines, ...errors.flatMap(errorTexts), JSON.stringify(sent)]) {
      expect(text).not.toContain(PIN);
    }
  });
});
