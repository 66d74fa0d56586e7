import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = join(import.meta.dirname, "..", "..");
const text = (file: string) => readFileSync(join(ROOT, "manifest", file), "utf8");
const manifest = parse(text("slack.yaml"));
const httpManifest = parse(text("slack-http.yaml"));
const EVENTS_URL = "https://<your-host>/slack/events";

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

describe("manifest/slack-http.yaml", () => {
  it("sends the command and the buttons to /slack/events, with Socket Mode off", () => {
    expect(httpManifest.features.slash_commands[0].url).toBe(EVENTS_URL);
    expect(httpManifest.settings).toMatchObject({
      interactivity: { is_enabled: true, request_url: EVENTS_URL },
      socket_mode_enabled: false,
    });
  });

  it("is the Socket Mode manifest in every other respect", () => {
    const [command] = httpManifest.features.slash_commands;
    const { url: _url, ...commandWithoutUrl } = command;
    const { request_url: _requestUrl, ...interactivity } = httpManifest.settings.interactivity;
    expect({
      ...httpManifest,
      features: { ...httpManifest.features, slash_commands: [commandWithoutUrl] },
      settings: { ...httpManifest.settings, interactivity, socket_mode_enabled: true },
    }).toEqual(manifest);
  });
});

describe("the manifests' comments", () => {
  it.each(["slack.yaml", "slack-http.yaml"])("in %s name only files that exist", (file) => {
    const comments = text(file)
      .split("\n")
      .filter((line) => line.trimStart().startsWith("#"))
      .join("\n");
    const named = comments.match(/[\w.-]+(?:\/[\w.-]+)*\.(?:md|yaml)\b/g) ?? [];
    expect(named.length).toBeGreaterThan(0);
    for (const path of named) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });

  it("point to the README's Slack → HTTP section, which names the HTTP manifest", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const slack = readme.slice(readme.indexOf("\n## Slack\n"), readme.indexOf("\n## Discord\n"));
    const http = slack.slice(slack.indexOf("\n#### HTTP"));
    expect(http).toContain("manifest/slack-http.yaml");
  });
});
