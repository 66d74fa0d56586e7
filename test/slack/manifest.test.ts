import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const manifest = parse(
  readFileSync(join(import.meta.dirname, "..", "..", "manifest", "slack.yaml"), "utf8"),
);

describe("manifest/slack.yaml", () => {
  it("declares /sms with a usage hint and escaping on, so mentions arrive as IDs", () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: "/sms",
        should_escape: true,
        usage_hint: expect.stringMatching(/@people/),
        description: expect.any(String),
      }),
    ]);
  });

  it("asks for exactly the scopes the bot uses", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "chat:write",
      "commands",
      "usergroups:read",
      "users.profile:read",
    ]);
  });

  it("turns on interactivity and Socket Mode, and has a bot user", () => {
    expect(manifest.settings).toMatchObject({
      interactivity: { is_enabled: true },
      socket_mode_enabled: true,
    });
    expect(manifest.features.bot_user.display_name).toEqual(expect.any(String));
    expect(manifest.display_information.name).toEqual(expect.any(String));
  });
});
