import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { runCli } from "../support/run-cli.js";

const DIRECTORY = `
people:
  alice: { phone: "+44 7700 900101" }
  bob: { phone: "447700900102" }
  carol: { phone: "447700900115" }
groups:
  db-oncall: [alice, carol]
`;

let simulator: Simulator;
let contactsFile: string;

beforeAll(async () => {
  simulator = await startSimulator({ username: "ops.1", pin: "918273" });
  contactsFile = join(mkdtempSync(join(tmpdir(), "contacts-")), "contacts.yaml");
  writeFileSync(contactsFile, DIRECTORY);
});

afterAll(() => simulator.close());

describe("the terminal adapter with a contacts directory", () => {
  it("pages a group and a person in one request, naming each person in the reply", async () => {
    const run = await runCli("/sms db-oncall,alice rollback now\n", {
      CSOFT_USERNAME: "ops.1",
      CSOFT_PIN: "918273",
      CSOFT_PRIMARY_URL: simulator.url,
      CSOFT_SECONDARY_URL: simulator.url,
      CONTACTS_FILE: contactsFile,
    });
    // carol's number is out of credit: a failed number.
    expect(run.status).toBe(1);
    // The page's send; its code 15 then reads the balance (queryaccount) for the report.
    const sends = simulator.requests.filter(
      (request) => request.path === "/webservices/http/sendsms",
    );
    expect(sends.map((r) => r.params.get("SendTo"))).toEqual(["447700900101,447700900115"]);
    expect(run.stdout).toContain("paged 2 recipients: db-oncall (alice, carol), alice");
    expect(run.stdout).toMatch(
      /FAILED +carol 447700900115 +code 15 +out of credit +id [0-9A-F]{8}/,
    );
    expect(run.stdout).toMatch(/accepted +alice 447700900101 +code -2 .* id [0-9A-F]{8}/);
    expect(run.stdout + run.stderr).not.toContain("918273");
  });
});
