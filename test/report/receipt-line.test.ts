import { describe, expect, it } from "vitest";
import { renderReceiptEvent } from "../../src/report/delivery.js";

const delivered = {
  messageId: "abc1",
  number: "447700900123",
  state: "delivered" as const,
  reportCode: 0,
  meaning: "Delivered to handset",
  handsetAt: Date.UTC(2026, 10, 30, 3, 12, 0),
};

describe("the terminal's line for a receipt", () => {
  it("names the page a receipt belongs to", () => {
    const line = renderReceiptEvent({ ...delivered, change: "new", pageId: 42 });
    expect(line).toBe("receipt page #42 447700900123: delivered at 2026-11-30 03:12:00Z, id abc1");
  });

  it("says plainly when a receipt matches no page we sent, instead of calling the number an id", () => {
    const line = renderReceiptEvent({ ...delivered, change: "new", pageId: undefined });
    expect(line).toBe(
      "receipt for no page we sent, 447700900123: delivered at 2026-11-30 03:12:00Z, id abc1",
    );
  });
});
