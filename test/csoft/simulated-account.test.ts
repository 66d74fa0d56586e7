import { request } from "undici";
import { describe, expect, it } from "vitest";
import { CSOFT_CONTENT_TYPE } from "../../src/csoft/encode.js";
import { PIN, USERNAME, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await request(url, {
    method: "POST",
    headers: { "content-type": CSOFT_CONTENT_TYPE },
    body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

const queryUrl = (sendSmsUrl: string) => sendSmsUrl.replace(/sendsms$/, "queryaccount");

describe("the simulator's account query", () => {
  it("states the demo balance in csoft's inline shape", async () => {
    const simulator = await cleanup.simulator();
    const answer = await post(
      queryUrl(simulator.url),
      `Username=${USERNAME}&PIN=${PIN}&AvailableCredit=`,
    );
    expect(answer).toEqual({ status: 200, text: "AvailableCredit=GBP 15.2345" });
    expect(simulator.requests.at(-1)?.path).toBe("/webservices/http/queryaccount");
  });

  it("states a configured balance in the separate-fields shape", async () => {
    const simulator = await cleanup.simulator({
      credit: { currency: "EUR", amount: "3.5", shape: "separate" },
    });
    const answer = await post(
      queryUrl(simulator.url),
      `Username=${USERNAME}&PIN=${PIN}&AvailableCredit=`,
    );
    expect(answer.text).toBe("Currency=EUR&AvailableCredit=3.5");
  });

  it("answers a wrong PIN with csoft's Invalid Login", async () => {
    const simulator = await cleanup.simulator();
    const answer = await post(
      queryUrl(simulator.url),
      `Username=${USERNAME}&PIN=000000&AvailableCredit=`,
    );
    expect(answer.text).toBe("MessageIdentifier=-1&Report=2&Text=Invalid%20Login");
  });

  it("answers a query that does not ask for AvailableCredit with code 98", async () => {
    const simulator = await cleanup.simulator();
    const answer = await post(queryUrl(simulator.url), `Username=${USERNAME}&PIN=${PIN}`);
    expect(answer.text).toBe("MessageIdentifier=-1&Report=98&Text=AvailableCredit%20is%20missing");
  });

  it("keeps answering sendsms as before", async () => {
    const simulator = await cleanup.simulator();
    const answer = await post(
      simulator.url,
      `Username=${USERNAME}&PIN=${PIN}&SendTo=447700900100&Message=hi&ResponseFormat=3`,
    );
    expect(answer.text).toMatch(/^MessageIdentifier=[0-9A-F]{8}&Report=0&Text=Delivered$/);
  });
});
