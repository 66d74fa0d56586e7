import { expect } from "vitest";
import { UsageError } from "../../src/command/usage.js";

/** Runs work that must refuse the command, and returns what it told the user. */
export function usageMessage(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).code).toBe("USAGE");
    return (error as UsageError).message;
  }
  throw new Error("expected a UsageError, but the command was accepted");
}
