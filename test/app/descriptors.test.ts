// Each adapter is one descriptor, and the core takes any platform a descriptor names: a fourth
// chat is configured, permitted, found in the contacts and started without a change to src/.
import { Readable, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { discord } from "../../adapters/discord/index.js";
import { shell } from "../../adapters/shell/index.js";
import { slack } from "../../adapters/slack/index.js";
import { ADAPTERS, type Adapter, contactIdFields } from "../../app/adapters.js";
import { type ConfigError, loadConfig, settingsOf } from "../../app/config.js";
import { refusalFor } from "../../src/access/policy.js";
import { parseDirectory } from "../../src/contacts/load.js";
import {
  type AdapterDescriptor,
  type CommandContext,
  idList,
  optionalText,
} from "../../src/kit.js";
import { silentLogger } from "../../src/log.js";
import { usePagerFixture } from "../support/csoft.js";
import { recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";

interface ChatSettings {
  token: string;
}

const chatEnv = { CHAT_TOKEN: optionalText, CHAT_ALLOW_TEAMS: idList };

const started: { settings: ChatSettings; groups: readonly string[] | undefined }[] = [];

/** A platform the core has never heard of, as an adapter would describe it. */
const chat: AdapterDescriptor<ChatSettings, typeof chatEnv> = {
  name: "chat",
  env: chatEnv,
  settings: (values) => (values.CHAT_TOKEN ? { token: values.CHAT_TOKEN } : undefined),
  problems: (values, forced) =>
    forced && !values.CHAT_TOKEN ? ["--adapter chat needs CHAT_TOKEN"] : [],
  allowList: (values) => ({
    users: [],
    groups: values.CHAT_ALLOW_TEAMS,
    channels: [],
    groupsName: "teams",
  }),
  contacts: { field: "chat", id: z.string().regex(/^c\d+$/, "chat must be an id such as c42") },
  async start(_core, deps) {
    started.push({ settings: deps.settings, groups: deps.allowList?.groups });
    return { stop: async () => undefined, ready: () => true };
  },
};

const WITH_CHAT: readonly Adapter[] = [...ADAPTERS, chat];

describe("the adapters' descriptors", () => {
  it("are one per adapter, named as the platform", () => {
    expect(ADAPTERS).toEqual([shell, slack, discord]);
    expect(ADAPTERS.map((adapter) => adapter.name)).toEqual(["shell", "slack", "discord"]);
  });

  it("own their variables, allow-lists and contacts fields", () => {
    expect(Object.keys(slack.env)).toContain("SLACK_ALLOW_USERGROUPS");
    expect(Object.keys(discord.env)).toContain("DISCORD_ALLOW_ROLES");
    expect(Object.keys(shell.env)).toEqual([]);
    expect(Object.keys(contactIdFields())).toEqual(["slack", "discord"]);
    expect(shell.allowList).toBeUndefined();
  });
});

describe("a platform the core has never heard of", () => {
  it("is configured from its own variables, its allow-list read by its descriptor", () => {
    const config = loadConfig(
      { CSOFT_SIMULATOR: "true", CHAT_TOKEN: "t", CHAT_ALLOW_TEAMS: "T1,T2" },
      undefined,
      WITH_CHAT,
    );
    expect(config.adapters.map((adapter) => adapter.descriptor.name)).toEqual(["chat"]);
    expect(settingsOf(config, chat)).toEqual({ token: "t" });
    expect(config.paging.policy.allowLists.chat).toEqual({
      users: [],
      groups: ["T1", "T2"],
      channels: [],
      groupsName: "teams",
    });
    const refusal = refusalFor(
      config.paging.policy,
      { actor: { platform: "chat", id: "u1", name: "u1" }, groupIds: ["T9"] },
      "send",
    );
    expect(refusal).toMatch(/certain people, teams and channels/);
  });

  it("reports its problems with every other, at once", () => {
    try {
      loadConfig({ PORT: "x" }, "chat", WITH_CHAT);
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        expect.stringMatching(/^PORT must be a whole number/),
        "--adapter chat needs CHAT_TOKEN",
      ]);
    }
  });

  it("has its ids in the contacts, under ids: or as a shorthand, checked by its rule", () => {
    const fields = contactIdFields(WITH_CHAT);
    const directory = parseDirectory(
      "people:\n  a: { phone: '447700900001', chat: c1 }\n  b: { phone: '447700900002', ids: { chat: c2 } }\n",
      "contacts.yaml",
      fields,
    );
    expect(directory.byId("chat", "c1")?.name).toBe("a");
    expect(directory.byId("chat", "c2")?.name).toBe("b");
    expect(() =>
      parseDirectory("people:\n  a: { phone: '447700900001', chat: x }\n", "contacts.yaml", fields),
    ).toThrow(/chat must be an id such as c42/);
  });

  it("is started with its settings and its allow-list", async () => {
    const config = loadConfig(
      { CSOFT_SIMULATOR: "true", CHAT_TOKEN: "t", CHAT_ALLOW_TEAMS: "T1" },
      "chat",
      WITH_CHAT,
    );
    const [chosen] = config.adapters;
    if (!chosen) throw new Error("expected the chat adapter");
    const core = { pager: undefined as never, logger: silentLogger(), contacts: () => undefined };
    const terminal = {
      input: Readable.from([]),
      output: new Writable({ write: (_chunk, _encoding, done) => done() }),
      interactive: false,
      env: {},
      uid: undefined,
    };
    await chosen.descriptor.start(core, {
      settings: chosen.settings,
      allowList: chosen.allowList,
      port: config.port,
      routes: [],
      mount: () => undefined,
      terminal,
    });
    expect(started).toEqual([{ settings: { token: "t" }, groups: ["T1"] }]);
  });
});

describe("the pager with a platform the core has never heard of", () => {
  const t = usePagerFixture({}, "u1");

  it("pages for it, announcing who paged by the adapter's own platform name", async () => {
    const surface = recordingSurface();
    const ctx: CommandContext = { actor: { platform: "chat", id: "u1", name: "u1" }, surface };
    await runText(t.pager, "447700900123 hello", ctx);
    expect(t.simulator.requests).toHaveLength(1);
    expect(surface.announcements[0]?.actor.platform).toBe("chat");
    expect(surface.reports).toHaveLength(1);
  });
});
