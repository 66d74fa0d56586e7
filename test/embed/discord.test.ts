// A team that already runs a discord.js bot adds /sms through "csoft-chatops/discord".
import { Client, Events, GatewayIntentBits, type Interaction } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { attachSmsCommand, type SmsCommandBinding } from "../../adapters/discord/index.js";
import {
  CsoftClient,
  createPager,
  type Simulator,
  silentLogger,
  startSimulator,
} from "../../src/index.js";
import { BOT_TOKEN, type FakeDiscord, startFakeDiscord } from "../discord/fake-discord.js";
import { isResultEdit, smsInteraction } from "../discord/harness.js";
import { memoryStore } from "../support/store.js";

let discord: FakeDiscord;
let simulator: Simulator;
let csoft: CsoftClient;
let bot: Client;
let binding: SmsCommandBinding;
const ownCommands: string[] = [];

beforeEach(async () => {
  discord = await startFakeDiscord();
  simulator = await startSimulator({ username: "ops", pin: "4321" });
  ownCommands.length = 0;

  // The team's existing bot, answering a command of its own.
  bot = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: discord.apiUrl } });
  bot.on(Events.InteractionCreate, (interaction: Interaction) => {
    if (interaction.isChatInputCommand() && interaction.commandName === "deploy") {
      ownCommands.push(interaction.commandName);
    }
  });

  // What the README tells them to add.
  csoft = new CsoftClient({
    credentials: { username: "ops", pin: "4321" },
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
  });
  const logger = silentLogger();
  binding = attachSmsCommand(bot, {
    pager: createPager({ store: memoryStore(), transport: csoft, logger }),
    logger,
  });

  const ready = new Promise((resolve) => bot.once(Events.ClientReady, resolve));
  await bot.login(BOT_TOKEN);
  await ready;
});

afterEach(async () => {
  binding.detach();
  await binding.settled();
  await bot.destroy();
  await csoft.close();
  await simulator.close();
  await discord.close();
});

describe("attachSmsCommand on an existing discord.js Client", () => {
  it("pages from /sms and reports in the reply, while the bot's own commands still reach it", async () => {
    const sent = discord.sendInteraction(
      smsInteraction({ to: "447700900101,447700900115", message: "db1 is down" }),
    );
    discord.sendInteraction({ name: "deploy" });

    await discord.waitForCall(isResultEdit(sent));
    expect(simulator.requests).toHaveLength(1);
    expect(simulator.requests[0]?.params.get("SendTo")).toBe("447700900101,447700900115");
    const posted = JSON.stringify(discord.calls.map((call) => call.body));
    expect(posted).toContain("447700900115");
    expect(ownCommands).toEqual(["deploy"]);
  });

  it("stops answering /sms once detached, and leaves the client running", async () => {
    binding.detach();
    discord.sendInteraction(smsInteraction({ to: "447700900101", message: "db1 is down" }));
    discord.sendInteraction({ name: "deploy" });
    // Events arrive in order on one gateway connection: once deploy is seen, /sms has been too.
    while (ownCommands.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ownCommands).toEqual(["deploy"]);
    expect(discord.calls.filter((call) => call.path.includes("/interactions/"))).toEqual([]);
    expect(simulator.requests).toEqual([]);
    expect(bot.isReady()).toBe(true);
  });
});
