import { describe, expect, it } from "vitest";
import { buildSendCommand } from "../../src/command/fields.js";
import { usageMessage } from "./usage-error.js";

const NOW = new Date("2025-06-01T12:00:00Z");
const TO = "447700900123";

function options(fields: Record<string, string | boolean>) {
  return buildSendCommand({ to: TO, message: "db1 is down", ...fields }, NOW).options;
}

describe("buildSendCommand", () => {
  it("builds a send with recipients, trimmed message, options and encoding", () => {
    expect(
      buildSendCommand({ to: "alice,+44 7700 900123", message: "  db1 is down\n" }, NOW),
    ).toEqual({
      kind: "send",
      recipients: [
        { kind: "name", name: "alice" },
        { kind: "number", number: "447700900123" },
      ],
      message: "db1 is down",
      options: { flash: false },
      encoding: { encoding: "gsm7", length: 11, parts: 1 },
      dryRun: false,
      confirmed: false,
    });
  });

  it.each([[""], ["   "], ["\n\t"]])("refuses an empty message %j", (message) => {
    const text = usageMessage(() => buildSendCommand({ to: TO, message }, NOW));
    expect(text).toContain("The message is empty");
    expect(text).toContain("Example: /sms 447700900123 db1 is down");
  });

  it("checks recipients before anything else", () => {
    expect(usageMessage(() => buildSendCommand({ to: "12", message: "" }, NOW))).toContain(
      "`12` is not an international number",
    );
  });
});

describe("options: flash", () => {
  it("defaults to false and carries true", () => {
    expect(options({})).toEqual({ flash: false });
    expect(options({ flash: true })).toEqual({ flash: true });
  });
});

describe("options: delay", () => {
  it.each([
    ["30", 30],
    ["1", 1],
    ["30m", 30],
    ["2h", 120],
    ["1d", 1440],
    ["7d", 10_080],
    ["10080", 10_080],
    [" 2H ", 120],
  ])("reads %j as %i minutes", (delay, minutes) => {
    expect(options({ delay }).delayMinutes).toBe(minutes);
  });

  it.each([
    ["0", "is too short"],
    ["0m", "is too short"],
    ["10081", "is too long"],
    ["8d", "is too long"],
    ["169h", "is too long"],
    ["99999999999999999999", "is too long"],
    ["-5", "is not a delay"],
    ["1.5h", "is not a delay"],
    ["2w", "is not a delay"],
    ["soon", "is not a delay"],
    ["", "is not a delay"],
  ])("refuses %j (%s), with an example", (delay, reason) => {
    const message = usageMessage(() => options({ delay }));
    expect(message).toContain(`\`--delay ${delay.trim()}\` ${reason}`);
    expect(message).toContain("Example: /sms 447700900123 deploy starts soon --delay 2h");
  });
});

describe("options: at", () => {
  it.each([
    ["2025-06-01T12:30", "2025-06-01T12:30:00.000Z"],
    ["2025-06-01T12:30Z", "2025-06-01T12:30:00.000Z"],
    ["2025-06-01T12:30:15", "2025-06-01T12:30:15.000Z"],
    ["2025-06-01T12:30:15Z", "2025-06-01T12:30:15.000Z"],
    ["2025-06-01t12:00:01z", "2025-06-01T12:00:01.000Z"],
    ["2026-02-28T00:00", "2026-02-28T00:00:00.000Z"],
    ["2028-02-29T00:00", "2028-02-29T00:00:00.000Z"],
  ])("reads %j as UTC", (at, iso) => {
    expect(options({ at }).sendAt?.toISOString()).toBe(iso);
  });

  it.each([
    ["2025-06-01T11:59"],
    ["2025-06-01T12:00"],
    ["2025-06-01T12:00:00Z"],
    ["2020-01-01T00:00"],
  ])("refuses %j: not in the future", (at) => {
    const message = usageMessage(() => options({ at }));
    expect(message).toContain(`\`--at ${at}\` is in the past: it is 2025-06-01T12:00Z UTC now.`);
    expect(message).toContain(
      "Example: /sms 447700900123 maintenance starts --at 2025-06-01T13:00Z",
    );
  });

  it.each([
    ["2025-06-01 12:30", "is not a UTC time"],
    ["2025-06-01T12:30+01:00", "is not a UTC time"],
    ["2025-06-01T12", "is not a UTC time"],
    ["2025-6-1T12:30", "is not a UTC time"],
    ["tomorrow", "is not a UTC time"],
    ["2026-02-29T00:00", "is not a real date and time"],
    ["2025-13-01T00:00", "is not a real date and time"],
    ["2025-06-01T24:00", "is not a real date and time"],
    ["2025-06-01T12:60", "is not a real date and time"],
    ["2025-06-01T12:30:60", "is not a real date and time"],
  ])("refuses %j (%s)", (at, reason) => {
    expect(usageMessage(() => options({ at }))).toContain(`\`--at ${at}\` ${reason}`);
  });

  it("refuses --delay together with --at, whatever their values", () => {
    const message = usageMessage(() => options({ delay: "30", at: "2025-06-01T13:00" }));
    expect(message).toContain("Use --delay or --at, not both");
    expect(message).toContain("Example: /sms 447700900123 deploy done --delay 30");
  });
});

describe("options: service", () => {
  it.each([
    ["default", "default"],
    ["Premier", "premier"],
    ["ECONOMY", "economy"],
  ])("reads %j as %j", (service, expected) => {
    expect(options({ service }).service).toBe(expected);
  });

  it("refuses an unknown service, listing the right ones", () => {
    const message = usageMessage(() => options({ service: "express" }));
    expect(message).toContain(
      "`--service express` is not a delivery service: use default, premier or economy.",
    );
    expect(message).toContain("Example:");
  });
});

describe("options: reply-to", () => {
  it.each([["447700900999"], ["+44 (7700) 900-999"], ["00447700900999"]])(
    "normalises %j like a recipient",
    (replyTo) => {
      expect(options({ replyTo }).replyTo).toBe("447700900999");
    },
  );

  it.each([["12"], ["07700900999"], ["alice"]])("refuses %j", (replyTo) => {
    const message = usageMessage(() => options({ replyTo }));
    expect(message).toContain(`--reply-to: \`${replyTo}\` is not an international number`);
    expect(message).toContain("Example: /sms 447700900123 call me back --reply-to 447700900999");
  });
});
