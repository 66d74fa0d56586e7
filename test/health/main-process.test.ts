// The program as deployed: /healthz, /readyz and /metrics on PORT, on Slack's HTTP receiver or
// on a server of their own when Slack's port is not in play (here: Discord).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { APPLICATION_ID, BOT_TOKEN, startFakeDiscord } from "../discord/fake-discord.js";
import { startFakeSlack } from "../slack/fake-slack.js";
import { SECRETS } from "../slack/harness.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function csoftEnv(): Promise<{ simulator: Simulator; env: Record<string, string> }> {
  const simulator = await startSimulator({ username: "ops.1", pin: SECRETS.pin });
  closers.push(() => simulator.close());
  const dataDir = await mkdtemp(join(tmpdir(), "csoft-chatops-main-"));
  closers.push(() => rm(dataDir, { recursive: true, force: true }));
  return {
    simulator,
    env: {
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: SECRETS.pin,
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
      DATA_DIR: dataDir,
    },
  };
}

function start(env: Record<string, string>, adapter: string): LiveCli {
  const bot = spawnCli(env, ["--adapter", adapter]);
  closers.push(() => bot.stop());
  return bot;
}

describe("health and metrics of the running program", () => {
  it("ride on Slack's HTTP port beside /slack/events", async () => {
    const slack = await startFakeSlack();
    closers.push(() => slack.close());
    const { env } = await csoftEnv();
    const port = await freePort();
    const bot = start(
      {
        ...env,
        SLACK_BOT_TOKEN: SECRETS.botToken,
        SLACK_SIGNING_SECRET: SECRETS.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
      },
      "slack",
    );
    await bot.waitForLog(/adapter started/);
    const base = `http://127.0.0.1:${port}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toEqual({
      ready: true,
      checks: { data_dir_writable: true, accepting_commands: true, slack: true },
    });
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain("csoft_chatops_pages_total");
    expect(metrics).toContain("process_resident_memory_bytes");
    expect(bot.stderr()).not.toMatch(/health and metrics listening/);
  });

  it("have a server of their own on PORT for Discord, and turn not ready when DATA_DIR is not writable", async () => {
    const discord = await startFakeDiscord();
    closers.push(() => discord.close());
    const { env } = await csoftEnv();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const bot = start(
      {
        ...env,
        DISCORD_TOKEN: BOT_TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: discord.apiUrl,
        PORT: String(port),
      },
      "discord",
    );
    await bot.waitForLog(/adapter started/);
    expect(bot.stderr()).toMatch(/health and metrics listening/);
    const ready = await fetch(`${base}/readyz`);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { discord: true } });

    // The database folder swapped for a file: nothing can be written there any more.
    const dataDir = env.DATA_DIR ?? "";
    await rm(dataDir, { recursive: true, force: true });
    await writeFile(dataDir, "");
    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      ready: false,
      checks: { data_dir_writable: false, discord: true },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });
});
