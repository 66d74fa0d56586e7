import { describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config.js";
import {
  type AllowList,
  OPEN_POLICY,
  refusalFor,
  tooManyRecipients,
} from "../../src/access/policy.js";
import { parseRateLimit, rateRefusal, rateWait } from "../../src/access/rate-limit.js";
import type { Actor } from "../../src/page/types.js";

const slackUser: Actor = { platform: "slack", id: "U1", name: "<@U1>" };
const open = (groupsName: string): AllowList => ({
  users: [],
  groups: [],
  channels: [],
  groupsName,
});
const policy = {
  allowLists: {
    slack: { users: ["U9"], groups: ["S1"], channels: ["C1"], groupsName: "user groups" },
  },
  maxRecipients: 3,
};

describe("who may page", () => {
  it("lets everyone page when nothing is listed", () => {
    expect(refusalFor(OPEN_POLICY, { actor: slackUser }, "send")).toBeUndefined();
  });

  it("lets a listed user, a member of a listed group, or anyone in a listed channel page", () => {
    expect(refusalFor(policy, { actor: { ...slackUser, id: "U9" } }, "send")).toBeUndefined();
    expect(
      refusalFor(policy, { actor: slackUser, groupIds: ["S0", "S1"] }, "send"),
    ).toBeUndefined();
    expect(refusalFor(policy, { actor: slackUser, channelId: "C1" }, "send")).toBeUndefined();
  });

  it("refuses anyone else, saying why and that nothing was sent", () => {
    const refusal = refusalFor(
      policy,
      { actor: slackUser, channelId: "C2", groupIds: ["S2"] },
      "send",
    );
    expect(refusal).toMatch(/not allowed to page from here.*user groups.*Nothing was sent/);
  });

  it("reads the lists of each platform separately, and trusts a platform without one", () => {
    const discordOnly = {
      ...OPEN_POLICY,
      allowLists: { slack: open("user groups"), discord: { ...open("roles"), groups: ["R1"] } },
    };
    expect(refusalFor(discordOnly, { actor: slackUser }, "send")).toBeUndefined();
    expect(
      refusalFor(discordOnly, { actor: { platform: "discord", id: "1", name: "x" } }, "send"),
    ).toMatch(/roles/);
    expect(refusalFor(policy, { actor: { platform: "shell", id: "op", name: "op" } }, "send")).toBe(
      undefined,
    );
  });

  it("caps the numbers one command may reach", () => {
    expect(tooManyRecipients(policy, 3)).toBeUndefined();
    expect(tooManyRecipients(policy, 4)).toMatch(/4 numbers; one command may page at most 3/);
  });
});

describe("the rate limit", () => {
  it("reads pages per window", () => {
    expect(parseRateLimit("5/10m")).toEqual({ count: 5, windowMs: 600_000 });
    expect(parseRateLimit(" 20 / 1h ")).toEqual({ count: 20, windowMs: 3_600_000 });
    expect(parseRateLimit("3/30s")).toEqual({ count: 3, windowMs: 30_000 });
    for (const bad of ["5", "0/1m", "5/0m", "5/10d", "x/1m", "-1/1m"]) {
      expect(parseRateLimit(bad)).toBeNull();
    }
  });

  it("waits until the oldest page that keeps the window full leaves it", () => {
    const limit = { count: 2, windowMs: 60_000 };
    expect(rateWait([], limit, 10_000)).toBe(0);
    expect(rateWait([0], limit, 10_000)).toBe(0);
    expect(rateWait([10_000, 0], limit, 10_000)).toBe(50_000);
    // More than the limit (pages sent before it was lowered): the window frees when enough leave.
    expect(rateWait([20_000, 10_000, 0], limit, 20_000)).toBe(50_000);
  });
});

describe("the rate limit's refusal", () => {
  const limit = { count: 30, windowMs: 600_000 };

  it.each([
    [593_000, "10 min"],
    [60_000, "1 min"],
    [60_001, "2 min"],
    [59_000, "59 s"],
    [1_500, "2 s"],
    [1, "1 s"],
  ])("says a wait of %i ms as %s", (ms, wait) => {
    expect(rateRefusal(limit, ms)).toContain(`Try again in ${wait}.`);
  });

  it("says the limit and its window", () => {
    expect(rateRefusal({ count: 2, windowMs: 60_000 }, 50_000)).toMatch(
      /at most 2 per 1 min each. Try again in 50 s/,
    );
  });
});

describe("paging settings from the environment", () => {
  it("has safe defaults", () => {
    const config = loadConfig({});
    expect(config.paging).toEqual({
      dataDir: "./data",
      policy: {
        allowLists: { slack: open("user groups"), discord: open("roles") },
        maxRecipients: 1000,
      },
      rateLimit: { count: 30, windowMs: 600_000 },
      confirmAbove: 10,
      shutdownGraceMs: 8000,
      maxInFlight: 64,
      replicaLeaseMs: 30_000,
    });
  });

  it("reads every variable", () => {
    const config = loadConfig({
      DATA_DIR: "/var/lib/pager",
      SLACK_ALLOW_USERS: "U1, U2",
      SLACK_ALLOW_USERGROUPS: "S1",
      SLACK_ALLOW_CHANNELS: "C1,",
      DISCORD_ALLOW_USERS: "100",
      DISCORD_ALLOW_ROLES: "200,201",
      DISCORD_ALLOW_CHANNELS: "300",
      SMS_MAX_RECIPIENTS: "50",
      SMS_RATE_LIMIT: "off",
      SMS_CONFIRM_ABOVE: "0",
      SHUTDOWN_GRACE_MS: "2500",
      SMS_MAX_IN_FLIGHT: "8",
      DATABASE_URL: "postgresql://pager@db/paging",
      REPLICA_LEASE_MS: "10000",
    });
    expect(config.paging).toEqual({
      dataDir: "/var/lib/pager",
      databaseUrl: "postgresql://pager@db/paging",
      replicaLeaseMs: 10_000,
      policy: {
        allowLists: {
          slack: {
            users: ["U1", "U2"],
            groups: ["S1"],
            channels: ["C1"],
            groupsName: "user groups",
          },
          discord: {
            users: ["100"],
            groups: ["200", "201"],
            channels: ["300"],
            groupsName: "roles",
          },
        },
        maxRecipients: 50,
      },
      confirmAbove: 0,
      shutdownGraceMs: 2500,
      maxInFlight: 8,
    });
  });

  it("names each bad value", () => {
    expect(() => loadConfig({ SMS_RATE_LIMIT: "lots", SMS_MAX_RECIPIENTS: "x" })).toThrow(
      /SMS_MAX_RECIPIENTS must be a whole number[\s\S]*SMS_RATE_LIMIT must be pages\/window/,
    );
    expect(() => loadConfig({ SMS_MAX_IN_FLIGHT: "0" })).toThrow(
      /SMS_MAX_IN_FLIGHT must be at least 1/,
    );
  });
});
