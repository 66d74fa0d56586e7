// What an adapter is to the program: one descriptor per chat platform (or the terminal), which the
// composition root reads to parse the environment, build the allow-lists and contacts fields, and
// start the adapters that are configured. The core names no platform: each descriptor does.

import type { Readable, Writable } from "node:stream";
import type { z } from "zod";
import type { AllowList } from "./access/policy.js";
import type { Directory } from "./contacts/directory.js";
import type { DeliveryEditor, ReceiptEvent } from "./delivery/types.js";
import type { RequestListener } from "./health/mount.js";
import type { HealthRoute } from "./health/routes.js";
import type { Logger } from "./log.js";
import type { CommandOutcome } from "./page/outcome.js";
import type { Pager } from "./page/pager.js";

/** An adapter's environment variables: name → zod rule, merged into the program's one schema. */
export type EnvShape = Readonly<Record<string, z.ZodType>>;

/** The values of an EnvShape once parsed. */
export type EnvOf<Shape extends EnvShape> = { [K in keyof Shape]: z.output<Shape[K]> };

/** What the core gives every adapter it starts. */
export interface AdapterCore {
  pager: Pager;
  logger: Logger;
  /** The contacts directory as it is now (it may be reloaded between commands). */
  contacts: () => Directory | undefined;
  /** Told of every delivery receipt once it is stored (the terminal prints them). */
  onReceipt?(listener: (event: ReceiptEvent) => void): void;
}

/** The process's terminal, for an adapter that talks on it. */
export interface TerminalIo {
  input: Readable;
  output: Writable;
  /** A person at a terminal (a prompt), or piped input (one command per line). */
  interactive: boolean;
  /** The environment as the process was given it, for who is at the terminal. */
  env: Readonly<Record<string, string | undefined>>;
  uid: number | undefined;
}

/** What the composition root hands an adapter besides the core. */
export interface AdapterDeps<Settings> {
  /** What the descriptor read from its environment variables. */
  settings: Settings;
  /** The allow-list the core enforces for this platform (permissions name its groups). */
  allowList: AllowList | undefined;
  /** PORT: where an adapter that listens for HTTP listens. */
  port: number;
  /**
   * Every route on PORT, the core's (/healthz, /readyz, /metrics) and other adapters' (`paths`),
   * when this adapter owns the port (`ownsPort`): it serves them on its listener. Empty
   * otherwise: the core's own server serves them.
   */
  routes: readonly HealthRoute[];
  /** Hands one of the POST paths its descriptor declared (`paths`) its handler. */
  mount(path: string, listener: RequestListener): void;
  terminal: TerminalIo;
}

/** A started adapter. */
export interface RunningAdapter {
  /** Stops taking commands and waits for those under way. */
  stop(): Promise<void>;
  /** For /readyz: connected to its platform. */
  ready(): boolean;
  /** An adapter that ends by itself (the terminal, at the end of its input): its worst outcome. */
  finished?: Promise<CommandOutcome>;
  /** Edits this platform's page reports as delivery receipts come, from where the store keeps them. */
  deliveryEditor?: DeliveryEditor;
}

/** One adapter, as the program knows it. Each adapter folder exports one. */
export interface AdapterDescriptor<Settings = unknown, Shape extends EnvShape = EnvShape> {
  /** The platform's name: `Actor.platform`, the key of its allow-list, `--adapter <name>`. */
  name: string;
  /** Its environment variables (zod), parsed with the core's so every problem is told at once. */
  env: Shape;
  /** Its settings, or undefined when its credentials are not (all) there: it does not start. */
  settings(env: EnvOf<Shape>): Settings | undefined;
  /**
   * What is wrong with its variables taken together (credentials that need each other); `forced`
   * when `--adapter` named it. Runs even when other variables are malformed.
   */
  problems?(env: EnvOf<Shape>, forced: boolean): string[];
  /** Who may page from this platform, read from its variables; absent: everyone (the terminal). */
  allowList?(env: EnvOf<Shape>): AllowList;
  /** The contacts field holding this platform's user ids (under `ids:`, or its shorthand key). */
  contacts?: { field: string; id: z.ZodType<string> };
  /**
   * It talks on the process's terminal: it runs when no chat is configured, keeps the log quiet,
   * and the program serves no HTTP port.
   */
  terminal?: boolean;
  /** With these settings it listens for HTTP on PORT, so every route on PORT rides on it. */
  ownsPort?(settings: Settings): boolean;
  /**
   * With these settings, the POST paths it takes on PORT. They are declared before any adapter
   * starts, served by whichever server owns the port, and answer 503 until `deps.mount`.
   */
  paths?(settings: Settings): readonly string[];
  start(core: AdapterCore, deps: AdapterDeps<Settings>): Promise<RunningAdapter>;
}
