import { describe, expect, it } from "vitest";
import { readPageInput, type SmsOptionReader } from "../../adapters/discord/fields.js";

function reader(values: Record<string, string | boolean>): SmsOptionReader {
  const get = (name: string) => values[name] ?? null;
  return {
    getString: ((name: string) => {
      const value = get(name);
      return typeof value === "string" ? value : null;
    }) as SmsOptionReader["getString"],
    getBoolean: (name) => {
      const value = get(name);
      return typeof value === "boolean" ? value : null;
    },
  };
}

describe("readPageInput", () => {
  it("maps every Discord option onto the core's fields", () => {
    const fields = readPageInput(
      reader({
        to: "447700900123",
        message: "db1 is down",
        flash: false,
        delay: "2h",
        at: "2030-06-01T09:30Z",
        service: "premier",
        reply_to: "447700900999",
        dry_run: true,
        escalate_after: "5m",
        escalate_to: "carol",
      }),
    );
    expect(fields).toEqual({
      kind: "page",
      recipients: "447700900123",
      message: "db1 is down",
      options: {
        flash: false,
        delay: "2h",
        at: "2030-06-01T09:30Z",
        service: "premier",
        replyTo: "447700900999",
        dryRun: true,
        escalateAfter: "5m",
        escalateTo: "carol",
      },
    });
  });

  it("leaves out options that were not given", () => {
    expect(readPageInput(reader({ to: "447700900123", message: "hi" }))).toStrictEqual({
      kind: "page",
      recipients: "447700900123",
      message: "hi",
      options: {},
    });
  });
});
