// The adapters this program is built with. Adding a chat is one descriptor here; the core is not
// touched, since it names no platform.

import { discord } from "../adapters/discord/descriptor.js";
import { shell } from "../adapters/shell/descriptor.js";
import { slack } from "../adapters/slack/descriptor.js";
import type { AdapterDescriptor, EnvShape } from "../src/kit.js";

/** Any adapter's descriptor, its settings' type forgotten: the program only passes them along. */
export type Adapter = AdapterDescriptor<unknown, EnvShape>;

/** In the order they start; the terminal runs when no chat is configured. */
export const ADAPTERS: readonly Adapter[] = [shell, slack, discord];

export const ADAPTER_NAMES: readonly string[] = ADAPTERS.map((adapter) => adapter.name);

/** Every adapter's contacts field and its id rule, for reading the contacts directory. */
export function contactIdFields(adapters: readonly Adapter[] = ADAPTERS) {
  return Object.fromEntries(
    adapters.flatMap((adapter) =>
      adapter.contacts ? [[adapter.contacts.field, adapter.contacts.id] as const] : [],
    ),
  );
}
