import { fileURLToPath } from "node:url";
import { commandDefinitions } from "./commands.js";

/** manifest/discord-commands.json: what registration sends, for review and for other tools. */
export const MANIFEST_PATH = fileURLToPath(
  new URL("../../manifest/discord-commands.json", import.meta.url),
);

export function renderManifest(): string {
  return `${JSON.stringify(commandDefinitions(), null, 2)}\n`;
}
