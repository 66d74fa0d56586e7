// Two bot processes logged in on one shard both receive every interaction: with one store
// between them, exactly one answers it and the other stays silent (no second callback).
import { afterEach, describe, expect, it } from "vitest";
import { type RunningDiscord, startDiscord } from "../../adapters/discord/index.js";
import { createLogger } from "../../src/log.js";
import { createPager } from "../../src/page/pager.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";
import { APPLICATION_ID, BOT_TOKEN, type FakeDiscord, startFakeDiscord } from "./fake-discord.js";
import { isResultEdit, smsInteraction } from "./harness.js";

let discord: FakeDiscord | undefined;
let csoft: LocalCsoft | undefined;
let storeDir: StoreDir | undefined;
const bots: RunningDiscord[] = [];
const logLines: string[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  await csoft?.close();
  await discord?.close();
  await storeDir?.remove();
  logLines.length = 0;
});

async function startBot(fake: FakeDiscord, local: LocalCsoft, dir: StoreDir) {
  const logger = createLogger({
    level: "debug",
    destination: { write: (line) => logLines.push(line) },
  });
  const pager = createPager({ store: dir.open(), transport: local.client, logger });
  const bot = await startDiscord({
    token: BOT_TOKEN,
    applicationId: APPLICATION_ID,
    apiUrl: fake.apiUrl,
    pager,
    logger,
  });
  bots.push(bot);
}

describe("Discord gateway: two processes on one shard and one store", () => {
  it("answers each interaction from one process only, and pages once", async () => {
    discord = await startFakeDiscord();
    csoft = await startLocalCsoft();
    storeDir = tempStoreDir("discord-replicas-");
    await startBot(discord, csoft, storeDir);
    await startBot(discord, csoft, storeDir);
    expect(discord.openConnections).toBe(2);

    const sent = discord.sendInteraction(smsInteraction({ to: "447700900123", message: "hi" }));
    const help = discord.sendInteraction({ name: "sms-help" });
    await discord.waitForCall(isResultEdit(sent));
    const quiet = () =>
      logLines.filter((line) => line.includes("interaction claimed by another delivery"));
    await expect.poll(() => quiet().length).toBe(2);
    for (const bot of bots.splice(0)) await bot.stop();

    const callbacks = (id: string) =>
      discord?.calls.filter((call) => call.path.startsWith(`/interactions/${id}/`)) ?? [];
    expect(callbacks(sent.id)).toHaveLength(1);
    expect(callbacks(help.id)).toHaveLength(1);
    expect(csoft.simulator.requests).toHaveLength(1);
    expect(logLines.join("")).not.toMatch(/"level":50/);
  });
});
