import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { commandDefinitions } from "../../adapters/discord/commands.js";
import { MANIFEST_PATH, renderManifest } from "../../adapters/discord/manifest.js";

describe("manifest/discord-commands.json", () => {
  it("is what the command definition generates (regenerate with npm run discord:manifest)", () => {
    expect(readFileSync(MANIFEST_PATH, "utf8")).toBe(renderManifest());
  });

  it("defines /sms with its typed options, required ones first, and /sms-help", () => {
    const [sms, help] = commandDefinitions();
    expect(sms?.name).toBe("sms");
    expect(sms?.options?.map((option) => [option.name, option.required ?? false])).toEqual([
      ["to", true],
      ["message", true],
      ["flash", false],
      ["delay", false],
      ["at", false],
      ["service", false],
      ["reply_to", false],
      ["dry_run", false],
      ["escalate_after", false],
      ["escalate_to", false],
    ]);
    const service = sms?.options?.find((option) => option.name === "service");
    expect(service && "choices" in service ? service.choices?.map((c) => c.value) : []).toEqual([
      "default",
      "premier",
      "economy",
    ]);
    expect(help?.name).toBe("sms-help");
  });

  it("offers every command in servers only, to administrators until a server grants it", () => {
    const definitions = commandDefinitions();
    expect(definitions.map((command) => command.name)).toEqual([
      "sms",
      "sms-help",
      "sms-history",
      "sms-status",
      "sms-credit",
    ]);
    for (const command of definitions) {
      // Guild context and guild install only: never a DM, where server permissions do not apply.
      expect(command.contexts).toEqual([0]);
      expect(command.integration_types).toEqual([0]);
      expect(command.default_member_permissions).toBe("0");
    }
  });
});
