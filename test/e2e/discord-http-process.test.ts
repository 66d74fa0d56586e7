// Discord over HTTP as deployed: two `npm start` processes on one data folder, each with its
// own PORT behind which Discord (or a load balancer) POSTs interactions. No gateway session.
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import {
  APPLICATION_ID,
  BOT_TOKEN,
  type FakeDiscord,
  startFakeDiscord,
} from "../discord/fake-discord.js";
import { isResultEdit, smsInteraction } from "../discord/harness.js";
import { postSigned, publicKeyHex } from "../discord/http-harness.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

const PIN = "73591142";
const { publicKey, privateKey } = generateKeyPairSync("ed25519");
const dataDir = mkdtempSync(join(tmpdir(), "discord-http-replicas-"));
let discord: FakeDiscord;
let simulator: Simulator;
const replicas: { cli: LiveCli; origin: string }[] = [];

beforeAll(async () => {
  discord = await startFakeDiscord();
  simulator = await startSimulator({ username: "ops.1", pin: PIN });
  for (let i = 0; i < 2; i += 1) {
    const port = await freePort();
    const cli = spawnCli(
      {
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: discord.apiUrl,
        DISCORD_PUBLIC_KEY: publicKeyHex(publicKey),
        PORT: String(port),
        DATA_DIR: dataDir,
        CSOFT_USERNAME: "ops.1",
        CSOFT_PIN: PIN,
        CSOFT_PRIMARY_URL: simulator.url,
        CSOFT_SECONDARY_URL: simulator.url,
      },
      ["--adapter", "discord"],
    );
    replicas.push({ cli, origin: `http://127.0.0.1:${port}` });
  }
  for (const { cli } of replicas) await cli.waitForLog(/"msg":"adapter started"/);
});

afterAll(async () => {
  for (const { cli } of replicas) await cli.stop();
  await simulator.close();
  await discord.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start with DISCORD_PUBLIC_KEY, two replicas on one data folder", () => {
  it("serves the interactions endpoint beside /healthz and /readyz, with no gateway session", async () => {
    for (const { origin } of replicas) {
      const pong = await postSigned(`${origin}/discord/interactions`, { type: 1 }, privateKey);
      expect(pong).toEqual({ status: 200, json: { type: 1 } });
      expect((await fetch(`${origin}/healthz`)).status).toBe(200);
      expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    }
    expect(discord.openConnections).toBe(0);
    expect(discord.calls.some((call) => call.path === "/gateway/bot")).toBe(false);
  });

  it("pages once when one interaction is posted to both replicas", async () => {
    const { sent, payload } = discord.createInteraction(
      smsInteraction({ to: "447700900101", message: "db1 is down" }),
    );
    const started = performance.now();
    const answers = await Promise.all(
      replicas.map(({ origin }) =>
        postSigned(`${origin}/discord/interactions`, payload, privateKey),
      ),
    );
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    await discord.waitForCall(isResultEdit(sent), 20_000);
    expect(simulator.requests).toHaveLength(1);
    const everything = JSON.stringify(discord.calls.map((c) => c.raw));
    const logs = replicas.map(({ cli }) => cli.stderr()).join("");
    expect(everything + logs).not.toContain(PIN);
    expect(logs).not.toContain(BOT_TOKEN);
    expect(logs).not.toContain(sent.token);
  });

  it("stops cleanly on SIGTERM", async () => {
    for (const { cli } of replicas) expect(await cli.stop("SIGTERM")).toBe(0);
  });
});
