#!/usr/bin/env node
// Regenerates manifest/discord-commands.json from the command definition; never edit it by hand.
import { writeFileSync } from "node:fs";
import { MANIFEST_PATH, renderManifest } from "./manifest.js";

writeFileSync(MANIFEST_PATH, renderManifest());
process.stdout.write(`Wrote ${MANIFEST_PATH}\n`);
