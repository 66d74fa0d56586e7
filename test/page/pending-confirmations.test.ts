import { describe, expect, it } from "vitest";
import { PendingConfirmations } from "../../src/page/pending-confirmations.js";

describe("PendingConfirmations", () => {
  it("lets only the requester answer, and only once", async () => {
    const pending = new PendingConfirmations();
    const { id, answered } = pending.open("U1", new AbortController().signal);
    expect(pending.click(id, "U2", true)).toEqual({ kind: "notRequester", requester: "U1" });
    expect(pending.click(id, "U1", false)).toEqual({ kind: "answered", answer: "cancelled" });
    expect(pending.click(id, "U1", true)).toEqual({ kind: "stale" });
    await expect(answered).resolves.toBe("cancelled");
  });

  it("answers expired when the deadline passes, and ignores clicks after it", async () => {
    const pending = new PendingConfirmations();
    const deadline = new AbortController();
    const { id, answered } = pending.open("U1", deadline.signal);
    deadline.abort();
    await expect(answered).resolves.toBe("expired");
    expect(pending.click(id, "U1", true)).toEqual({ kind: "stale" });
  });

  it("keeps questions apart", async () => {
    const pending = new PendingConfirmations();
    const first = pending.open("U1", new AbortController().signal);
    const second = pending.open("U1", new AbortController().signal);
    expect(first.id).not.toBe(second.id);
    pending.click(second.id, "U1", true);
    await expect(second.answered).resolves.toBe("confirmed");
    expect(pending.click(first.id, "U1", false)).toEqual({ kind: "answered", answer: "cancelled" });
  });
});
