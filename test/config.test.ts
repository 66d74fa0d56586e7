import { describe, expect, it } from "vitest";
import { discord as discordAdapter } from "../adapters/discord/descriptor.js";
import { slack } from "../adapters/slack/descriptor.js";
import { type Config, ConfigError, loadConfig, settingsOf } from "../app/config.js";
import { DEFAULT_PRIMARY_URL } from "../src/defaults.js";

function problemsOf(
  env: Record<string, string>,
  adapter?: "shell" | "slack" | "discord",
): string[] {
  try {
    loadConfig(env, adapter);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

const CSOFT = { CSOFT_USERNAME: "ops.1", CSOFT_PIN: "918273" };

/** The adapters a configuration starts, by name. */
const started = (config: Config) => config.adapters.map((adapter) => adapter.descriptor.name);

describe("loadConfig", () => {
  it("is demo mode on the simulator with the shell when nothing is set", () => {
    const config = loadConfig({});
    expect(started(config)).toEqual(["shell"]);
    expect(config).toMatchObject({
      demo: true,
      csoft: { mode: "simulator", concurrency: 4 },
    });
  });

  it("lets pages finish on shutdown for less than Docker's 10 s before SIGKILL, with time to close", () => {
    const dockerStopTimeoutMs = 10_000;
    const timeToClose = 2_000;
    expect(loadConfig({}).paging.shutdownGraceMs).toBeLessThanOrEqual(
      dockerStopTimeoutMs - timeToClose,
    );
  });

  it("is not demo mode when the simulator is asked for by name", () => {
    expect(loadConfig({ CSOFT_SIMULATOR: "true" })).toMatchObject({
      demo: false,
      csoft: { mode: "simulator" },
    });
  });

  it("uses csoft's HTTPS servers by default when credentials are set", () => {
    const config = loadConfig(CSOFT);
    expect(config.demo).toBe(false);
    expect(config.csoft).toMatchObject({
      mode: "live",
      username: "ops.1",
      primaryUrl: DEFAULT_PRIMARY_URL,
    });
    expect(config.csoft.mode === "live" && config.csoft.secondaryUrl).toMatch(
      /^https:\/\/www2\.csoft/,
    );
  });

  it("starts Slack over HTTP or Socket Mode from the credentials present", () => {
    const http = loadConfig({
      ...CSOFT,
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
      PORT: "8080",
    });
    expect(started(http)).toEqual(["slack"]);
    expect(settingsOf(http, slack)).toEqual({ botToken: "xoxb-1", signingSecret: "s" });
    expect(http.port).toBe(8080);
    expect(slack.ownsPort?.({ botToken: "xoxb-1", signingSecret: "s" })).toBe(true);
    const socket = loadConfig({ ...CSOFT, SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(settingsOf(socket, slack)).toMatchObject({ appToken: "xapp-1" });
    expect(slack.ownsPort?.({ botToken: "xoxb-1", appToken: "xapp-1" })).toBe(false);
  });

  it("starts Discord and Slack together when both are configured", () => {
    const config = loadConfig({
      ...CSOFT,
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_APP_TOKEN: "xapp-1",
      DISCORD_TOKEN: "d",
      DISCORD_APPLICATION_ID: "42",
    });
    expect(started(config)).toEqual(["slack", "discord"]);
  });

  it("logs at info for chat adapters and at warn at a terminal, unless LOG_LEVEL says", () => {
    expect(loadConfig({}).logLevel).toBe("warn");
    expect(loadConfig({ LOG_LEVEL: "debug" }).logLevel).toBe("debug");
    expect(
      loadConfig({ ...CSOFT, DISCORD_TOKEN: "d", DISCORD_APPLICATION_ID: "42" }).logLevel,
    ).toBe("info");
  });

  it("lets --adapter force the terminal", () => {
    const config = loadConfig(
      { ...CSOFT, DISCORD_TOKEN: "d", DISCORD_APPLICATION_ID: "42" },
      "shell",
    );
    expect(started(config)).toEqual(["shell"]);
  });

  it("pages the simulator with chat credentials only when CSOFT_SIMULATOR=true", () => {
    const chat = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" };
    expect(problemsOf(chat)).toEqual([expect.stringMatching(/CSOFT_USERNAME and CSOFT_PIN/)]);
    expect(loadConfig({ ...chat, CSOFT_SIMULATOR: "true" })).toMatchObject({
      demo: false,
      csoft: { mode: "simulator" },
    });
  });

  it("refuses plain http:// unless the host is loopback", () => {
    expect(problemsOf({ ...CSOFT, CSOFT_PRIMARY_URL: "http://www.csoft.co.uk/x" })).toEqual([
      expect.stringMatching(/^CSOFT_PRIMARY_URL must use https:\/\//),
    ]);
    for (const host of ["127.0.0.1:8080", "localhost", "[::1]:9"]) {
      expect(
        loadConfig({ ...CSOFT, CSOFT_SECONDARY_URL: `http://${host}/sendsms` }).csoft.mode,
      ).toBe("live");
    }
  });

  it("hedges csoft connects after 250 ms by default; 0 turns it off, below 0 is refused", () => {
    expect(loadConfig(CSOFT).csoft.hedgeDelayMs).toBe(250);
    expect(loadConfig({ ...CSOFT, CSOFT_HEDGE_DELAY_MS: "0" }).csoft.hedgeDelayMs).toBe(0);
    expect(problemsOf({ ...CSOFT, CSOFT_HEDGE_DELAY_MS: "-1" })).toEqual([
      expect.stringMatching(/^CSOFT_HEDGE_DELAY_MS must be at least 0/),
    ]);
  });

  it("reports every problem at once, one line each", () => {
    const problems = problemsOf({
      CSOFT_PIN: "918273",
      CSOFT_CONCURRENCY: "zero",
      LOG_LEVEL: "loud",
    });
    expect(problems).toEqual([
      expect.stringMatching(/^CSOFT_CONCURRENCY must be a whole number/),
      expect.stringMatching(/^LOG_LEVEL must be one of/),
      expect.stringMatching(/^CSOFT_USERNAME is missing/),
    ]);
  });

  it("reports a malformed value and a broken Slack pair in the same round", () => {
    const problems = problemsOf({ ...CSOFT, PORT: "http", SLACK_BOT_TOKEN: "xoxb-1" }, "slack");
    expect(problems).toEqual([
      expect.stringMatching(/^PORT must be a whole number/),
      expect.stringMatching(/^Slack needs SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/),
      expect.stringMatching(/^--adapter slack needs/),
    ]);
  });

  it("counts a malformed CSOFT_SIMULATOR as not set when checking the credentials", () => {
    const chat = { DISCORD_TOKEN: "d", DISCORD_APPLICATION_ID: "42", CSOFT_SIMULATOR: "yes" };
    expect(problemsOf(chat)).toEqual([
      expect.stringMatching(/^CSOFT_SIMULATOR must be true or false/),
      expect.stringMatching(/csoft credentials are not/),
    ]);
  });

  it("takes Discord over HTTP with DISCORD_PUBLIC_KEY, and refuses a key that is not one", () => {
    const discord = { ...CSOFT, DISCORD_TOKEN: "d", DISCORD_APPLICATION_ID: "42" };
    const key = "a".repeat(64);
    const publicKey = (env: Record<string, string>) =>
      settingsOf(loadConfig(env), discordAdapter)?.publicKey;
    expect(publicKey({ ...discord, DISCORD_PUBLIC_KEY: key })).toBe(key);
    expect(publicKey({ ...discord, DISCORD_PUBLIC_KEY: "" })).toBeUndefined();
    expect(problemsOf({ ...discord, DISCORD_PUBLIC_KEY: "abc" })).toEqual([
      "DISCORD_PUBLIC_KEY must be the application's public key: 64 hexadecimal digits",
    ]);
  });

  it("names the missing half of a Slack or Discord pair", () => {
    expect(problemsOf({ ...CSOFT, SLACK_BOT_TOKEN: "xoxb-1" })[0]).toMatch(
      /SLACK_APP_TOKEN .* or SLACK_SIGNING_SECRET/,
    );
    expect(problemsOf({ ...CSOFT, SLACK_APP_TOKEN: "xapp-1" })[0]).toMatch(
      /SLACK_BOT_TOKEN is missing/,
    );
    expect(problemsOf({ ...CSOFT, DISCORD_TOKEN: "d" })[0]).toMatch(
      /DISCORD_APPLICATION_ID is missing/,
    );
    expect(problemsOf(CSOFT, "slack")[0]).toMatch(/--adapter slack needs/);
  });

  it("never puts a secret in a problem", () => {
    const problems = problemsOf({ CSOFT_PIN: "918273", SLACK_BOT_TOKEN: "xoxb-secret" });
    expect(problems.join("\n")).not.toMatch(/918273|xoxb-secret/);
  });
});

describe("two-way settings", () => {
  it("reads CSOFT_REPLY_TO as an international number and the default ack words", () => {
    expect(loadConfig({ CSOFT_REPLY_TO: "+44 7700 900999" }).twoWay).toEqual({
      replyTo: "447700900999",
      ackWords: ["ACK", "OK", "YES"],
      replyWindowMs: 86_400_000,
    });
    expect(loadConfig({}).twoWay).toEqual({
      ackWords: ["ACK", "OK", "YES"],
      replyWindowMs: 86_400_000,
    });
    expect(loadConfig({ SMS_REPLY_WINDOW: "4h" }).twoWay.replyWindowMs).toBe(14_400_000);
  });

  it("reads SMS_ACK_WORDS as comma-separated words", () => {
    expect(loadConfig({ SMS_ACK_WORDS: " vu, ja " }).twoWay.ackWords).toEqual(["vu", "ja"]);
  });

  it("refuses a ReplyTo that is not a number, and ack words that are not words", () => {
    expect(
      problemsOf({
        CSOFT_REPLY_TO: "07700900999",
        SMS_ACK_WORDS: "ack me",
        SMS_REPLY_WINDOW: "2d",
      }),
    ).toEqual([
      "CSOFT_REPLY_TO must be the account's two-way number, international digits such as 447700900999",
      "SMS_ACK_WORDS must be comma-separated words of letters or digits, such as ACK,OK,YES",
      "SMS_REPLY_WINDOW 2d is not a duration from 10s to 24h, such as 30s, 5m, 1h30m.",
    ]);
  });
});
