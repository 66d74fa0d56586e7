// Discord over HTTP as it runs in production: real endpoint on a real loopback server (the
// health server's mount point), real pager and store, the fake Discord's webhook, and the
// csoft simulator. Several instances on one SQLite file stand for replicas on one database.
import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { type RunningDiscord, startDiscord } from "../../adapters/discord/index.js";
import type { Simulator } from "../../src/csoft/simulator.js";
import { mountPoint } from "../../src/health/mount.js";
import { startHealthServer } from "../../src/health/server.js";
import { createLogger } from "../../src/log.js";
import { createPager } from "../../src/page/pager.js";
import { startLocalCsoft } from "../support/csoft.js";
import { tempStoreDir } from "../support/store.js";
import { APPLICATION_ID, BOT_TOKEN, type FakeDiscord, startFakeDiscord } from "./fake-discord.js";

export interface Instance {
  /** http://127.0.0.1:PORT/discord/interactions */
  url: string;
  running: RunningDiscord;
  logLines: string[];
}

export interface HttpHarness {
  discord: FakeDiscord;
  simulator: Simulator;
  instances: Instance[];
  /** The application's key pair: Discord signs with the private half. */
  privateKey: KeyObject;
  close(): Promise<void>;
}

/** The raw 32-byte public key in hex, as Discord's developer portal shows it. */
export function publicKeyHex(key: KeyObject): string {
  return key.export({ format: "der", type: "spki" }).subarray(-32).toString("hex");
}

export async function startHttpHarness(count = 1): Promise<HttpHarness> {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const discord = await startFakeDiscord();
  const csoft = await startLocalCsoft();
  const storeDir = tempStoreDir("discord-http-");
  const closers: (() => Promise<void>)[] = [];
  const instances: Instance[] = [];
  for (let i = 0; i < count; i += 1) {
    const logLines: string[] = [];
    const logger = createLogger({
      level: "debug",
      destination: { write: (line) => logLines.push(line) },
    });
    const pager = createPager({ store: storeDir.open(), transport: csoft.client, logger });
    const point = mountPoint("/discord/interactions");
    const server = await startHealthServer({ port: 0, host: "127.0.0.1", routes: [point.route] });
    const running = await startDiscord({
      token: BOT_TOKEN,
      applicationId: APPLICATION_ID,
      apiUrl: discord.apiUrl,
      publicKey: publicKeyHex(publicKey),
      serveInteractions: point.mount,
      pager,
      logger,
    });
    closers.push(async () => {
      await running.stop();
      await server.close();
    });
    instances.push({
      url: `http://127.0.0.1:${server.port}/discord/interactions`,
      running,
      logLines,
    });
  }
  return {
    discord,
    simulator: csoft.simulator,
    instances,
    privateKey,
    async close() {
      for (const close of closers) await close();
      await csoft.close();
      await discord.close();
      await storeDir.remove();
    },
  };
}

/** POSTs a body as Discord does: signed over timestamp + body with `key`, now unless `atMs`. */
export async function postSigned(
  url: string,
  body: object,
  key: KeyObject,
  atMs = Date.now(),
): Promise<{ status: number; json: unknown }> {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(atMs / 1000));
  const signature = sign(null, Buffer.from(timestamp + text), key).toString("hex");
  return post(url, text, { "x-signature-ed25519": signature, "x-signature-timestamp": timestamp });
}

export async function post(
  url: string,
  text: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: "POST",
    body: text,
    headers: { "content-type": "application/json", ...headers },
  });
  const body = await response.text();
  return { status: response.status, json: body === "" ? undefined : JSON.parse(body) };
}
