import { describe, expect, it } from "vitest";
import { parseSmsText } from "../../src/command/parse.js";
import type { SendCommand } from "../../src/command/types.js";
import { usageMessage } from "./usage-error.js";

const NOW = new Date("2025-06-01T12:00:00Z");

function send(text: string): SendCommand {
  const command = parseSmsText(text, NOW);
  if (command.kind !== "send") throw new Error(`expected a send, got ${command.kind}`);
  return command;
}

describe("parseSmsText: help", () => {
  it.each([[""], ["   \n"], ["help"], ["HELP"], ["/sms"], ["/sms help"], ["--help"], ["help me"]])(
    "answers %j with help",
    (text) => {
      expect(parseSmsText(text, NOW)).toEqual({ kind: "help" });
    },
  );
});

describe("parseSmsText: recipients and message", () => {
  it("reads recipients then the message", () => {
    expect(parseSmsText("447700900123 db1 is down", NOW)).toEqual({
      kind: "send",
      recipients: [{ kind: "number", number: "447700900123" }],
      message: "db1 is down",
      options: { flash: false },
      encoding: { encoding: "gsm7", length: 11, parts: 1 },
      dryRun: false,
      confirmed: false,
    });
  });

  it("tolerates a leading /sms word", () => {
    expect(send("/sms 447700900123 db1 is down").message).toBe("db1 is down");
    expect(send("  /SMS\n447700900123 db1").recipients).toEqual([
      { kind: "number", number: "447700900123" },
    ]);
  });

  it("accepts +44-7700-900123 and 0044… forms in the recipients token", () => {
    expect(send("+44-7700-900123,00447700900124,(44)7700.900125 hi").recipients).toEqual([
      { kind: "number", number: "447700900123" },
      { kind: "number", number: "447700900124" },
      { kind: "number", number: "447700900125" },
    ]);
  });

  it("refuses a recipients list split by a space after a comma", () => {
    const message = usageMessage(() => parseSmsText("447700900123, 447700900124 db1 is down", NOW));
    expect(message).toContain("`447700900123,` ends with a comma");
    expect(message).toContain("Example: /sms 447700900123,447700900124 db1 is down");
  });

  it("ignores empty entries inside the recipients token", () => {
    expect(send(",447700900123,,alice hi").recipients).toEqual([
      { kind: "number", number: "447700900123" },
      { kind: "name", name: "alice" },
    ]);
  });

  it("refuses /sms 12 hi, naming the bad entry and showing an example", () => {
    const message = usageMessage(() => parseSmsText("12 hi", NOW));
    expect(message).toBe(
      "`12` is not an international number: write 8 to 15 digits starting with the country code (447700900123, not 07700900123). Example: /sms 447700900123 db1 is down",
    );
  });

  it("refuses a number with no message", () => {
    expect(usageMessage(() => parseSmsText("447700900007", NOW))).toContain("The message is empty");
    expect(usageMessage(() => parseSmsText("/sms 447700900007  --flash ", NOW))).toContain(
      "The message is empty",
    );
  });

  it("keeps the typed spacing and newlines within the message", () => {
    expect(send("447700900123   db1  is\tdown\n\nsee   runbook  ").message).toBe(
      "db1  is\tdown\n\nsee   runbook",
    );
  });

  it("separates recipients from the message at a newline too", () => {
    expect(send("447700900123\ndb1 is down").message).toBe("db1 is down");
  });

  it("keeps single dashes, arrows and em dashes as message text", () => {
    expect(send("447700900123 db1 - failover --> db2 — ok ---").message).toBe(
      "db1 - failover --> db2 — ok ---",
    );
  });

  it("refuses an option where the recipients belong", () => {
    const message = usageMessage(() => parseSmsText("--flash 447700900123 hi", NOW));
    expect(message).toContain("Recipients come first");
    expect(message).toContain("Example: /sms 447700900123 db1 is down");
  });
});

describe("parseSmsText: options", () => {
  it("reads options at the end", () => {
    const command = send("447700900123 db1 is down --flash --delay 30 --service Premier");
    expect(command.message).toBe("db1 is down");
    expect(command.options).toEqual({ flash: true, delayMinutes: 30, service: "premier" });
  });

  it("reads options in the middle, joining the runs around them with one space", () => {
    const command = send(
      "447700900123 db1  is\n--delay 2h\n\ndown   now --reply-to +44-7700-900999",
    );
    expect(command.message).toBe("db1  is down   now");
    expect(command.options).toEqual({ flash: false, delayMinutes: 120, replyTo: "447700900999" });
  });

  it("reads options right after the recipients", () => {
    const command = send("447700900123 --at 2025-06-01T13:00Z db1 is down");
    expect(command.message).toBe("db1 is down");
    expect(command.options.sendAt?.toISOString()).toBe("2025-06-01T13:00:00.000Z");
  });

  it("accepts --name=value and option names in any case", () => {
    const command = send("447700900123 hi --DELAY=1d --Service=economy --FLASH");
    expect(command.options).toEqual({ flash: true, delayMinutes: 1440, service: "economy" });
  });

  it("accepts a known option whose -- a chat app turned into a dash", () => {
    expect(send("447700900123 hi —flash –delay 30m").options).toEqual({
      flash: true,
      delayMinutes: 30,
    });
    expect(send("447700900123 hi —unknown").message).toBe("hi —unknown");
  });

  it("validates option values like typed fields do", () => {
    for (const [text, expected] of [
      ["447700900123 hi --delay 0", "`--delay 0` is too short"],
      ["447700900123 hi --delay 10081", "`--delay 10081` is too long"],
      ["447700900123 hi --at 2025-06-01T11:00", "`--at 2025-06-01T11:00` is in the past"],
      ["447700900123 hi --delay 30 --at 2025-06-02T00:00", "Use --delay or --at, not both"],
      ["447700900123 hi --service fast", "`--service fast` is not a delivery service"],
      ["447700900123 hi --reply-to 12", "--reply-to: `12` is not an international number"],
    ] as const) {
      expect(usageMessage(() => parseSmsText(text, NOW))).toContain(expected);
    }
  });

  it.each([["--delay"], ["--at"], ["--service"], ["--reply-to"]])(
    "refuses %s with no value, at the end or before another option",
    (option) => {
      for (const text of [`447700900123 hi ${option}`, `447700900123 hi ${option} --flash`]) {
        const message = usageMessage(() => parseSmsText(text, NOW));
        expect(message).toContain(`\`${option}\` needs a value after it.`);
        expect(message).toContain(`Example: /sms 447700900123 db1 is down ${option} `);
      }
    },
  );

  it("refuses --flash with a value", () => {
    expect(usageMessage(() => parseSmsText("447700900123 hi --flash=yes", NOW))).toContain(
      "`--flash` takes no value.",
    );
  });

  it("refuses an option given twice", () => {
    expect(
      usageMessage(() => parseSmsText("447700900123 hi --delay 30 --delay 60", NOW)),
    ).toContain("`--delay` is given twice");
  });

  it.each([["--foo"], ["--verbose=1"], ["--constructor"], ["--toString"], ["--hasOwnProperty"]])(
    "refuses the unknown option %s, listing the options and how to send -- text",
    (option) => {
      const message = usageMessage(() => parseSmsText(`447700900123 hi ${option} there`, NOW));
      expect(message).toContain(`\`${option}\` is not an option.`);
      for (const known of ["--flash", "--delay", "--at", "--service", "--reply-to"]) {
        expect(message).toContain(known);
      }
      expect(message).toContain("put a lone -- before it");
      expect(message).toContain("Example: /sms 447700900123 -- --force was needed");
    },
  );
});

describe("parseSmsText: --", () => {
  it("ends options: the rest is message, even if it looks like options", () => {
    const command = send("447700900123 --flash db1 -- --delay 30 --foo  is literal");
    expect(command.message).toBe("db1 --delay 30 --foo  is literal");
    expect(command.options).toEqual({ flash: true });
  });

  it("keeps the spacing and newlines after --", () => {
    expect(send("447700900123 --   --x\n  y  ").message).toBe("--x\n  y");
  });

  it("only the first -- ends options; later ones are text", () => {
    expect(send("447700900123 a -- b -- c").message).toBe("a b -- c");
  });

  it("refuses an empty message after --", () => {
    expect(usageMessage(() => parseSmsText("447700900123 --flash --  ", NOW))).toContain(
      "The message is empty",
    );
  });
});

describe("parseSmsText: recipients kinds and encoding", () => {
  it("reads names, books and dedupes", () => {
    expect(send("Alice,book:Staff::Oncall,alice,447700900123,+447700900123 hi").recipients).toEqual(
      [
        { kind: "name", name: "alice" },
        { kind: "addressBook", book: "Staff", group: "Oncall" },
        { kind: "number", number: "447700900123" },
      ],
    );
  });

  it("measures the message as it will be sent, without the options", () => {
    expect(send(`447700900123 ${"a".repeat(160)} --flash`).encoding).toEqual({
      encoding: "gsm7",
      length: 160,
      parts: 1,
    });
    expect(send("447700900123 Привет --flash").encoding).toEqual({
      encoding: "unicode",
      length: 6,
      parts: 1,
    });
  });
});

describe("parseSmsText: dry runs and who", () => {
  it("reads --dry-run as a flag anywhere after the recipients", () => {
    expect(send("447700900123 db1 --dry-run is down")).toMatchObject({
      message: "db1 is down",
      dryRun: true,
    });
    expect(send("447700900123 db1 is down").dryRun).toBe(false);
  });

  it("refuses a value for --dry-run", () => {
    expect(() => parseSmsText("447700900123 hi --dry-run=yes", NOW)).toThrow(
      /--dry-run` takes no value/,
    );
  });

  it("reads who <recipients> without a message", () => {
    expect(parseSmsText("who alice,447700900123", NOW)).toEqual({
      kind: "who",
      recipients: [
        { kind: "name", name: "alice" },
        { kind: "number", number: "447700900123" },
      ],
    });
  });

  it.each(["who", "who alice hello"])("refuses %j with an example", (text) => {
    expect(() => parseSmsText(text, NOW)).toThrow(/Example: \/sms who db-oncall,447700900123/);
  });
});

describe("parseSmsText: credit", () => {
  it.each(["credit", "/sms credit", "CREDIT"])("reads %j as the credit command", (text) => {
    expect(parseSmsText(text, NOW)).toEqual({ kind: "credit" });
  });

  it("refuses words after credit with an example", () => {
    expect(() => parseSmsText("credit please", NOW)).toThrow(/Example: \/sms credit$/);
  });

  it("still pages a contact named like the word, when it leads a recipient list", () => {
    expect(send("credit,447700900123 hello").message).toBe("hello");
  });
});

describe("--escalate-after and --escalate-to", () => {
  const NOW = new Date("2026-11-25T03:00:00Z");
  const send = (text: string) => {
    const command = parseSmsText(text, NOW);
    if (command.kind !== "send") throw new Error("expected a send");
    return command;
  };

  it("sets one escalation step of the command's own", () => {
    expect(
      send("db-oncall disk full --escalate-after 5m --escalate-to carol,447700900123"),
    ).toMatchObject({
      message: "disk full",
      escalation: { afterMs: 300_000, to: ["carol", "447700900123"], onFailure: false },
    });
    expect(
      send("db-oncall disk full --escalate-to=carol --escalate-after=1h30m").escalation,
    ).toEqual({ afterMs: 5_400_000, to: ["carol"], onFailure: false });
    expect(send("db-oncall disk full").escalation).toBeUndefined();
  });

  it.each([
    ["--escalate-after 5m", /together/],
    ["--escalate-to carol", /together/],
    [
      "--escalate-after 9s --escalate-to carol",
      /`--escalate-after 9s` is too short: durations run from 10s to 24h/,
    ],
    ["--escalate-after 2d --escalate-to carol", /is not a duration from 10s to 24h/],
    ["--escalate-after 5m --escalate-to 07700", /not an international number/],
    ["--escalate-after 5m --escalate-to ,", /No recipients/],
    ["--escalate-after", /needs a value after it.*--escalate-after 5m --escalate-to carol/],
  ])("refuses %j with an example", (options, problem) => {
    expect(() => parseSmsText(`db-oncall disk full ${options}`, NOW)).toThrow(problem);
    expect(() => parseSmsText(`db-oncall disk full ${options}`, NOW)).toThrow(/Example: /);
  });
});
