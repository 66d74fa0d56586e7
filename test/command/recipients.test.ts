import { describe, expect, it } from "vitest";
import { normaliseNumber, parseRecipients } from "../../src/command/recipients.js";
import { usageMessage } from "./usage-error.js";

describe("parseRecipients: numbers", () => {
  it("keeps a plain international number", () => {
    expect(parseRecipients("447700900123")).toEqual([{ kind: "number", number: "447700900123" }]);
  });

  it.each([
    ["+44-7700-900123"],
    ["+44 (7700) 900.123"],
    ["00447700900123"],
    ["0044 7700 900123"],
    ["+0044 7700-900-123"],
  ])("normalises %j to digits", (typed) => {
    expect(parseRecipients(typed)).toEqual([{ kind: "number", number: "447700900123" }]);
  });

  it("accepts 8 and 15 digits, the E.164 bounds", () => {
    expect(parseRecipients("12345678,123456789012345")).toEqual([
      { kind: "number", number: "12345678" },
      { kind: "number", number: "123456789012345" },
    ]);
  });

  it.each([["12"], ["1234567"], ["1234567890123456"], ["07700900123"], ["000447700900123"]])(
    "refuses %j, naming it, with an example",
    (typed) => {
      const message = usageMessage(() => parseRecipients(`447700900001,${typed}`));
      expect(message).toContain(`\`${typed}\` is not an international number`);
      expect(message).toContain("Example: /sms 447700900123");
    },
  );

  it("refuses a number with a letter in it", () => {
    expect(usageMessage(() => parseRecipients("4477009001x3"))).toContain(
      "`4477009001x3` is not a recipient",
    );
  });
});

describe("parseRecipients: address books and names", () => {
  it("reads book:<AddressBook> and book:<AddressBook>::<Group>", () => {
    expect(parseRecipients("book:Staff,book:Staff::Oncall")).toEqual([
      { kind: "addressBook", book: "Staff" },
      { kind: "addressBook", book: "Staff", group: "Oncall" },
    ]);
  });

  it.each([["book:"], ["book:::Oncall"], ["book:Staff::"]])("refuses %j", (typed) => {
    const message = usageMessage(() => parseRecipients(typed));
    expect(message).toContain(`\`${typed}\` needs an address book name`);
    expect(message).toContain("Example: /sms book:");
  });

  it("reads a bare name as a contact, lowercased", () => {
    expect(parseRecipients("Alice,db-oncall,ops.team_2")).toEqual([
      { kind: "name", name: "alice" },
      { kind: "name", name: "db-oncall" },
      { kind: "name", name: "ops.team_2" },
    ]);
  });

  it.each([["alice@example.com"], ["_alice"], ["<@U123>"], ["ålice"]])(
    "refuses %j as neither number, book nor name",
    (typed) => {
      const message = usageMessage(() => parseRecipients(typed));
      expect(message).toContain(`\`${typed}\` is not a recipient`);
      expect(message).toContain("Example:");
    },
  );
});

describe("parseRecipients: the list", () => {
  it("skips empty entries", () => {
    expect(parseRecipients(",447700900123,,alice,")).toEqual([
      { kind: "number", number: "447700900123" },
      { kind: "name", name: "alice" },
    ]);
  });

  it("trims spaces around entries (typed fields allow them)", () => {
    expect(parseRecipients(" alice , 447700900123 ")).toEqual([
      { kind: "name", name: "alice" },
      { kind: "number", number: "447700900123" },
    ]);
  });

  it.each([[""], [","], [" , ,"]])("refuses a list with nothing in it: %j", (typed) => {
    expect(usageMessage(() => parseRecipients(typed))).toContain("No recipients");
  });

  it("keeps duplicates once, in first-typed order, after normalisation", () => {
    expect(
      parseRecipients(
        "bob,447700900123,+44 7700 900123,Alice,BOB,book:S::G,00447700900123,alice,book:S::G,book:S",
      ),
    ).toEqual([
      { kind: "name", name: "bob" },
      { kind: "number", number: "447700900123" },
      { kind: "name", name: "alice" },
      { kind: "addressBook", book: "S", group: "G" },
      { kind: "addressBook", book: "S" },
    ]);
  });
});

describe("normaliseNumber", () => {
  it("returns digits for a number and null for anything else", () => {
    expect(normaliseNumber("+1 (555) 010-0199")).toBe("15550100199");
    expect(normaliseNumber("alice")).toBeNull();
    expect(normaliseNumber("+-()")).toBeNull();
    expect(normaliseNumber("0123456789")).toBeNull();
  });
});
