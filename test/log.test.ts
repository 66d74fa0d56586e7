import { describe, expect, it } from "vitest";
import { childLogger, type Logger } from "../src/log.js";

/** A logger with the four methods only, as Bolt's or `console` is. */
function recordingLogger(): { logger: Logger; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const record = (...args: unknown[]) => void calls.push(args);
  return { logger: { debug: record, info: record, warn: record, error: record }, calls };
}

describe("childLogger", () => {
  it("adds its fields to every call of a logger that has no child()", () => {
    const { logger, calls } = recordingLogger();
    const child = childLogger(childLogger(logger, { requestKey: "slack:T1" }), { pageId: 7 });
    child.info({ count: 2 }, "csoft batch");
    child.warn("failing over");
    child.error(new Error("boom"), "page failed");
    expect(calls[0]).toEqual([{ requestKey: "slack:T1", pageId: 7, count: 2 }, "csoft batch"]);
    expect(calls[1]).toEqual([{ requestKey: "slack:T1", pageId: 7 }, "failing over"]);
    expect(calls[2]?.[0]).toMatchObject({ requestKey: "slack:T1", err: { message: "boom" } });
  });

  it("uses the logger's own child() where there is one", () => {
    const { logger, calls } = recordingLogger();
    const withChild: Logger = {
      ...logger,
      child: (bindings) => ({ ...logger, bindings }) as Logger,
    };
    expect(childLogger(withChild, { pageId: 1 })).toMatchObject({ bindings: { pageId: 1 } });
    expect(calls).toEqual([]);
  });
});
