import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  CsoftAccount,
  type CsoftAccountOptions,
  queryAccountUrl,
} from "../../src/csoft/account.js";
import { CSOFT_CONTENT_TYPE } from "../../src/csoft/encode.js";
import { CsoftReportError, CsoftUnreachableError } from "../../src/csoft/errors.js";
import type { Simulator } from "../../src/csoft/simulator.js";
import { PIN, USERNAME, useCleanup } from "./helpers.js";

const cleanup = useCleanup();
const accounts: CsoftAccount[] = [];
afterEach(async () => {
  await Promise.all(accounts.splice(0).map((account) => account.close()));
});

function account(
  primaryUrl: string,
  secondaryUrl: string,
  options: Partial<CsoftAccountOptions> = {},
) {
  const created = new CsoftAccount({
    credentials: { username: USERNAME, pin: PIN },
    primaryUrl,
    secondaryUrl,
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 30_000,
    ...options,
  });
  accounts.push(created);
  return created;
}

/** A loopback port nothing listens on: connections to it are refused. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/webservices/http/sendsms`;
}

const queries = (simulator: Simulator) =>
  simulator.requests.filter((request) => request.path === "/webservices/http/queryaccount");

describe("the account query URL", () => {
  it("sits beside sendsms, keeping any path prefix before it", () => {
    expect(
      queryAccountUrl("https://www.csoft.co.uk/webservices/http/sendsms", "primary").href,
    ).toBe("https://www.csoft.co.uk/webservices/http/queryaccount");
    expect(
      queryAccountUrl("https://proxy.example/csoft/webservices/http/sendsms", "primary").href,
    ).toBe("https://proxy.example/csoft/webservices/http/queryaccount");
  });

  it("is csoft's own path on the same origin when the sendsms URL ends otherwise", () => {
    expect(queryAccountUrl("https://sms.example:8443/send", "secondary").href).toBe(
      "https://sms.example:8443/webservices/http/queryaccount",
    );
  });

  it("refuses plain http to a host that is not loopback, as sending does", () => {
    expect(() =>
      queryAccountUrl("http://www.csoft.co.uk/webservices/http/sendsms", "primary"),
    ).toThrow(/refusing plain http/);
  });
});

describe("CsoftAccount.queryCredit", () => {
  it("posts Username, PIN and an empty AvailableCredit, in that order, byte for byte", async () => {
    const simulator = await cleanup.simulator({ username: "ops team", pin: PIN });
    const credit = await account(simulator.url, simulator.url, {
      credentials: { username: "ops team", pin: PIN },
    }).queryCredit();

    expect(credit).toEqual({ amount: 15.2345, currency: "GBP", server: "primary" });
    const [query] = queries(simulator);
    expect(query?.method).toBe("POST");
    expect(query?.headers["content-type"]).toBe(CSOFT_CONTENT_TYPE);
    expect(query?.body).toBe(`Username=ops%20team&PIN=${PIN}&AvailableCredit=`);
  });

  it.each([
    [
      { currency: "UKL", amount: "15.2345", shape: "inline" },
      { amount: 15.2345, currency: "GBP" },
    ],
    [
      { currency: "GBP", amount: "0.5", shape: "separate" },
      { amount: 0.5, currency: "GBP" },
    ],
  ] as const)("reads the balance csoft states as %j", async (simulated, expected) => {
    const simulator = await cleanup.simulator({ credit: simulated });
    const credit = await account(simulator.url, simulator.url).queryCredit();
    expect(credit).toEqual({ ...expected, server: "primary" });
  });

  it("fails over to the secondary when the primary refuses connections", async () => {
    const secondary = await cleanup.simulator();
    const credit = await account(await closedPortUrl(), secondary.url).queryCredit();
    expect(credit).toEqual({ amount: 15.2345, currency: "GBP", server: "secondary" });
    expect(queries(secondary)).toHaveLength(1);
  });

  it.each(["status500", "malformed", "drop"] as const)(
    "asks the secondary again when the primary answers %s: a read is safe to repeat",
    async (fault) => {
      const { primary, secondary } = await cleanup.pair();
      await primary.setFault(fault);
      const credit = await account(primary.url, secondary.url).queryCredit();
      expect(credit.server).toBe("secondary");
      expect(queries(primary)).toHaveLength(1);
      expect(queries(secondary)).toHaveLength(1);
    },
  );

  it("asks the secondary again when the primary does not answer in time", async () => {
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("hang");
    const credit = await account(primary.url, secondary.url, {
      responseTimeoutMs: 50,
    }).queryCredit();
    expect(credit.server).toBe("secondary");
  });

  it("does not ask the secondary after Invalid Login: csoft answered", async () => {
    const { primary, secondary } = await cleanup.pair();
    const query = account(primary.url, secondary.url, {
      credentials: { username: USERNAME, pin: "000000" },
    }).queryCredit();
    await expect(query).rejects.toThrow(CsoftReportError);
    await expect(query).rejects.toMatchObject({ reportCode: 2, server: "primary" });
    expect(queries(secondary)).toHaveLength(0);
  });

  it("says why each server failed when neither answers, without the PIN", async () => {
    const query = account(await closedPortUrl(), await closedPortUrl()).queryCredit();
    await expect(query).rejects.toThrow(CsoftUnreachableError);
    await expect(query).rejects.toThrow(
      "could not reach csoft (primary: connection refused; secondary: connection refused)",
    );
    const error = (await query.catch((caught: unknown) => caught)) as Error;
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(PIN);
  });
});
