// A host passes the logger it already has: console, Bolt's, or any object with the four methods.
import { App, LogLevel } from "@slack/bolt";
import { describe, expect, expectTypeOf, it } from "vitest";
import { createSlackApp } from "../../adapters/slack/index.js";
import { createLogger, type Logger } from "../../src/index.js";
import { SECRETS } from "../slack/harness.js";
import { recordingLogger } from "./recording-logger.js";

describe("a logger of the host's own", () => {
  it("may be console, Bolt's logger or just the four methods (checked by the typecheck)", () => {
    const bolt = new App({
      token: SECRETS.botToken,
      signingSecret: SECRETS.signingSecret,
      deferInitialization: true,
      logLevel: LogLevel.ERROR,
    });
    expectTypeOf(console).toExtend<Logger>();
    expectTypeOf(bolt.logger).toExtend<Logger>();
    expectTypeOf(createLogger()).toExtend<Logger>();
  });

  it("gets Bolt's lines through createSlackApp, at Bolt's level and with secrets scrubbed", () => {
    const { logger, entries } = recordingLogger();
    const { app } = createSlackApp({
      botToken: SECRETS.botToken,
      signingSecret: SECRETS.signingSecret,
      logger,
    });
    entries.length = 0;
    app.logger.debug("below info: dropped");
    app.logger.warn(`token ${SECRETS.botToken} was refused`);
    expect(entries).toEqual([{ level: "warn", args: ["token [redacted] was refused"] }]);
  });
});
