import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { boltLogger, secretScrubber } from "../../adapters/slack/bolt-logger.js";
import { createLogger } from "../../src/log.js";

describe("secretScrubber", () => {
  const scrub = secretScrubber(["s1gn1ng-secret-value", undefined, "abc"]);

  it("removes Slack tokens by shape, given secrets, and payload token fields", () => {
    expect(
      scrub(
        'Bearer xoxb-12-34-abcDEF and xapp-1-A1-99-xyz, secret s1gn1ng-secret-value, {"token":"verif","text":"hi"}',
      ),
    ).toBe(
      'Bearer [redacted] and [redacted], secret [redacted], {"token":"[redacted]","text":"hi"}',
    );
  });

  it("leaves short words alone, so that ordinary text survives", () => {
    expect(scrub("abc is fine")).toBe("abc is fine");
  });
});

describe("boltLogger", () => {
  it("writes Bolt's lines through pino, scrubbed, with errors as objects", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = boltLogger(createLogger({ level: "debug", destination }), ["top-secret-pin"]);
    logger.debug("http request body:", { token: "xoxb-1-2-3" });
    logger.error("Slack API error: invalid_auth", new Error("failed with top-secret-pin"));
    const [debug, error] = lines.map((line) => JSON.parse(line));
    expect(debug).toMatchObject({
      level: 20,
      component: "slack",
      msg: 'http request body: {"token":"[redacted]"}',
    });
    expect(error).toMatchObject({
      level: 50,
      msg: "Slack API error: invalid_auth",
      err: { type: "Error", message: "failed with [redacted]" },
    });
    expect(logger.getLevel()).toBe("debug");
  });
});
