// Two real bot processes logged in on the same shard of Discord's gateway, on one PostgreSQL
// schema: both receive every interaction, exactly one answers it and the other stays silent.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import {
  APPLICATION_ID,
  BOT_TOKEN,
  type FakeDiscord,
  startFakeDiscord,
} from "../discord/fake-discord.js";
import { isResultEdit, smsInteraction } from "../discord/harness.js";
import { describePostgres } from "../support/postgres.js";
import { databaseUrlIn, REPLICA_ACCOUNT } from "../support/replicas.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

/** Generous: two processes and other test runs share a loaded machine. */
const WAIT_MS = 60_000;

describePostgres(
  "two Discord gateway replicas on one shard and one PostgreSQL schema",
  (schema) => {
    let discord: FakeDiscord;
    let simulator: Simulator;
    const replicas: LiveCli[] = [];

    beforeAll(async () => {
      discord = await startFakeDiscord();
      simulator = await startSimulator({ ...REPLICA_ACCOUNT });
      for (let i = 0; i < 2; i += 1) {
        replicas.push(
          spawnCli(
            {
              DISCORD_TOKEN: BOT_TOKEN,
              DISCORD_APPLICATION_ID: APPLICATION_ID,
              DISCORD_API_URL: discord.apiUrl,
              PORT: String(await freePort()),
              CSOFT_USERNAME: REPLICA_ACCOUNT.username,
              CSOFT_PIN: REPLICA_ACCOUNT.pin,
              CSOFT_PRIMARY_URL: simulator.url,
              CSOFT_SECONDARY_URL: simulator.url,
              DATABASE_URL: databaseUrlIn(schema()),
              LOG_LEVEL: "debug",
            },
            ["--adapter", "discord"],
          ),
        );
      }
      // Both start at once (migrations race, as in a real roll-out); give them time to log in.
      await Promise.all(replicas.map((cli) => cli.waitForLog(/"msg":"discord ready"/, 90_000)));
    }, 120_000);

    afterAll(async () => {
      await Promise.all(replicas.map((cli) => cli.stop("SIGTERM")));
      await simulator?.close();
      await discord?.close();
    }, 60_000);

    const logs = () => replicas.map((cli, i) => `--- replica ${i + 1}\n${cli.stderr()}`).join("\n");
    /** The replicas whose log has `msg` about `text` (an interaction id or a request key). */
    const loggedBy = (text: string, msg: string) =>
      replicas.filter((cli) =>
        cli
          .stderr()
          .split("\n")
          .some((line) => line.includes(text) && line.includes(`"msg":"${msg}`)),
      );

    it("answers an interaction both receive from one process only, and pages once", async () => {
      expect(discord.openConnections).toBe(2);
      const sent = discord.sendInteraction(
        smsInteraction({ to: "447700900123", message: "gateway replicas once" }),
      );
      await discord.waitForCall(isResultEdit(sent), WAIT_MS);
      // The other replica logs that it left the interaction alone; the answering one, the page.
      await expect
        .poll(
          () =>
            loggedBy(sent.id, "interaction claimed by another").length +
            loggedBy(`discord:${sent.id}`, "page done").length,
          { timeout: WAIT_MS, interval: 50 },
        )
        .toBe(2);
      const silent = loggedBy(sent.id, "interaction claimed by another");
      const answered = loggedBy(`discord:${sent.id}`, "page done");
      expect(silent, logs()).toHaveLength(1);
      expect(answered, logs()).toHaveLength(1);
      expect(answered[0]).not.toBe(silent[0]);

      const callbacks = discord.calls.filter((call) =>
        call.path.startsWith(`/interactions/${sent.id}/`),
      );
      expect(callbacks).toHaveLength(1);
      const sends = simulator.requests.filter(
        (request) => request.path === "/webservices/http/sendsms",
      );
      expect(sends).toHaveLength(1);
      expect(sends[0]?.params.get("Message")).toBe("gateway replicas once");
      expect(logs()).not.toMatch(/"level":50/);
    }, 120_000);
  },
);
