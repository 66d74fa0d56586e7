// One PostgreSQL database, several schemas (staging and production side by side, or one per team):
// each program keeps its tables, migrations included, in the schema its DATABASE_URL names.

import { afterAll, beforeAll, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { createSchema, describePostgres, dropSchema, openStoreIn } from "../support/postgres.js";
import { databaseUrlIn } from "../support/replicas.js";
import { runCli } from "../support/run-cli.js";

const ACCOUNT = { username: "ops.schemas", pin: "7654321" };

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator(ACCOUNT);
});
afterAll(() => simulator.close());

describePostgres("the program in a schema of its own", (schema) => {
  let other: string;
  beforeAll(async () => {
    // Another schema of the same database already holds a migrated store.
    other = await createSchema("other");
    const store = await openStoreIn(other);
    await store.close();
  });
  afterAll(() => dropSchema(other));

  it("migrates its own schema although another schema of the database holds migration tables", async () => {
    const run = await runCli("/sms 447700900123 first page in this schema\n/sms history\n", {
      CSOFT_USERNAME: ACCOUNT.username,
      CSOFT_PIN: ACCOUNT.pin,
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
      DATABASE_URL: databaseUrlIn(schema()),
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/#1 .*"first page in this schema"/);
  }, 60_000);
});
