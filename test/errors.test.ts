import { describe, expect, it } from "vitest";
import { DirectoryError } from "../adapters/slack/directory.js";
import { RecipientError } from "../adapters/slack/resolve.js";
import { ArgumentError } from "../app/cli.js";
import { UsageError } from "../src/command/usage.js";
import { ConfigError } from "../src/config.js";
import { ContactsError } from "../src/contacts/load.js";
import { CsoftClient } from "../src/csoft/client.js";
import { formatSendTime } from "../src/csoft/encode.js";
import {
  CsoftAnswerLostError,
  CsoftProtocolError,
  CsoftReportError,
  CsoftUnreachableError,
} from "../src/csoft/errors.js";
import { FormError } from "../src/csoft/form.js";
import { parseServerUrl } from "../src/csoft/server-url.js";
import { ChatopsError, COMMAND_FAILED_REPLY } from "../src/errors.js";
import { SurfaceError } from "../src/page/errors.js";
import { usePagerFixture } from "./support/csoft.js";
import { runText } from "./support/run-text.js";

const cause = new Error("underneath");

describe("the one error base", () => {
  it.each([
    [
      "CsoftReportError",
      new CsoftReportError({ code: 2, scheme: "report", meaning: "bad login" }, "primary"),
      "CSOFT_REPORT",
    ],
    [
      "CsoftUnreachableError",
      new CsoftUnreachableError([{ server: "primary", reason: "refused", error: cause }]),
      "CSOFT_UNREACHABLE",
    ],
    [
      "CsoftAnswerLostError",
      new CsoftAnswerLostError("secondary", "time-out", { cause }),
      "CSOFT_ANSWER_UNKNOWN",
    ],
    ["CsoftProtocolError", new CsoftProtocolError("empty", { cause }), "CSOFT_NOT_A_RESPONSE"],
    ["FormError", new FormError("PIN is missing", { cause }), "CSOFT_BAD_FORM"],
    ["UsageError", new UsageError("no message", { cause }), "USAGE"],
    ["SurfaceError", new SurfaceError("not in #ops", { cause }), "SURFACE"],
    ["ConfigError", new ConfigError(["PORT: must be a whole number"]), "CONFIG"],
    ["ContactsError", new ContactsError(["contacts.yaml:3: phone is required"]), "CONTACTS"],
    ["ArgumentError", new ArgumentError("--adapter must be one of …", { cause }), "ARGUMENT"],
    [
      "DirectoryError",
      new DirectoryError({ userId: "U1" }, "missing_scope", { cause }),
      "SLACK_DIRECTORY",
    ],
    ["RecipientError", new RecipientError("no phone", { cause }), "SLACK_RECIPIENT"],
  ] as const)("%s is a ChatopsError with its stable code and name", (name, error, code) => {
    expect(error).toBeInstanceOf(ChatopsError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(code);
    expect(error.name).toBe(name);
  });

  it("keeps the cause it was given", () => {
    expect(new CsoftAnswerLostError("primary", "reset", { cause }).cause).toBe(cause);
    expect(new SurfaceError("x", { cause }).cause).toBe(cause);
    expect(new ChatopsError("INTERNAL", "x", { cause }).cause).toBe(cause);
  });

  it("is what the product throws at a bad URL, a bad option and a bad request", () => {
    expect(() => parseServerUrl("http://csoft.example/sendsms", "primary")).toThrow(
      expect.objectContaining({ code: "CSOFT_BAD_URL", name: "ChatopsError" }),
    );
    expect(
      () =>
        new CsoftClient({
          credentials: { username: "u", pin: "1" },
          primaryUrl: "http://127.0.0.1:1/",
          secondaryUrl: "http://127.0.0.1:2/",
          concurrency: 0,
        }),
    ).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    expect(() => formatSendTime(new Date(Number.NaN))).toThrow(
      expect.objectContaining({ code: "CSOFT_BAD_REQUEST" }),
    );
  });
});

describe("the reply to a command that broke", () => {
  const t = usePagerFixture();

  it("is the one wording, and the command's outcome is unknown", async () => {
    t.surface.announce = async () => ({
      report: async () => {
        throw new Error("the terminal went away");
      },
    });
    expect(await runText(t.pager, "447700900123 hi", t.ctx)).toBe("unknown");
    expect(t.surface.privateReplies).toEqual([COMMAND_FAILED_REPLY]);
    expect(COMMAND_FAILED_REPLY).toBe(
      "Something went wrong while handling this command; see the bot's log. Nothing more was sent.",
    );
  });
});
