import { describe, expect, it } from "vitest";
import { GroupCommit } from "../../src/delivery/group-commit.js";

describe("group commit", () => {
  it("writes a lone item at once, and what arrives during a write together in the next", async () => {
    const writes: number[][] = [];
    let release = () => {};
    const group = new GroupCommit(async (items: number[]) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((item) => item * 10);
    });
    const first = group.add(1);
    const rest = [2, 3, 4].map((n) => group.add(n));
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
  });

  it("fails every item of a write that failed, and goes on with the next", async () => {
    let fail = true;
    const group = new GroupCommit(async (items: number[]) => {
      if (fail) {
        fail = false;
        throw new Error("disk full");
      }
      return items;
    });
    await expect(group.add(1)).rejects.toThrow("disk full");
    expect(await group.add(2)).toBe(2);
  });
});
