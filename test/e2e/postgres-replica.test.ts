// The program as one replica on PostgreSQL: /readyz reports the database through the replica's
// lease, turns 503 when the database stops answering, and ready again once it answers.
import { afterEach, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { startFakeSlack } from "../slack/fake-slack.js";
import { SECRETS } from "../slack/harness.js";
import { until } from "../support/manual-timer.js";
import { describePostgres, postgresProxy } from "../support/postgres.js";
import { freePort, spawnCli } from "../support/run-cli.js";

const closers: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function readiness(port: number): Promise<{ status: number; database?: boolean }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
  if (response === undefined) return { status: 0 };
  const body = (await response.json()) as { checks: Record<string, boolean> };
  return {
    status: response.status,
    ...(body.checks.database !== undefined && { database: body.checks.database }),
  };
}

describePostgres("a replica on PostgreSQL", (schema) => {
  it("is ready while it holds its lease, 503 once the database stops answering, ready again after", async () => {
    const link = await postgresProxy();
    closers.push(() => link.close());
    const slack = await startFakeSlack();
    closers.push(() => slack.close());
    const simulator: Simulator = await startSimulator({ username: "ops.1", pin: SECRETS.pin });
    closers.push(() => simulator.close());
    const url = new URL(link.url);
    url.searchParams.set("options", `-c search_path=${schema()}`);
    const port = await freePort();
    const bot = spawnCli(
      {
        SLACK_BOT_TOKEN: SECRETS.botToken,
        SLACK_SIGNING_SECRET: SECRETS.signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: String(port),
        CSOFT_USERNAME: "ops.1",
        CSOFT_PIN: SECRETS.pin,
        CSOFT_PRIMARY_URL: simulator.url,
        CSOFT_SECONDARY_URL: simulator.url,
        DATABASE_URL: url.toString(),
        REPLICA_LEASE_MS: "1500",
      },
      ["--adapter", "slack"],
    );
    closers.push(() => bot.stop());
    await bot.waitForLog(/replica holds its lease on PostgreSQL/, 20_000);
    await until(async () => (await readiness(port)).status === 200, 20_000);
    expect(await readiness(port)).toEqual({ status: 200, database: true });

    link.cut();
    await until(async () => (await readiness(port)).status === 503, 20_000);
    expect(await readiness(port)).toEqual({ status: 503, database: false });
    expect(bot.child.exitCode).toBeNull();

    await link.mend();
    await until(async () => (await readiness(port)).status === 200, 20_000);
  }, 60_000);
});
