import { request } from "undici";
import { describe, expect, it } from "vitest";
import { SIMULATED_OUTCOMES } from "../../src/csoft/simulator.js";
import { PIN, USERNAME, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

async function post(url: string, body: string): Promise<{ status: number; text: string }> {
  const response = await request(url, {
    method: "POST",
    headers: { "content-type": 'application/x-www-form-urlencoded; charset="utf-8"' },
    body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

const login = `Username=${USERNAME}&PIN=${PIN}`;

describe("the csoft simulator", () => {
  it("answers ResponseFormat 3 per number, by the last two digits, with ids from 30106CCE", async () => {
    const csoft = await cleanup.simulator();
    const numbers = "447700900015,447700900003,447700900008,447700900011,447700900000,447700900042";
    const answer = await post(csoft.url, `${login}&SendTo=${numbers}&Message=Hi&ResponseFormat=3`);
    expect(answer).toEqual({
      status: 200,
      text:
        "MessageIdentifier=30106CCE,30106CCF,30106CD0,30106CD1,30106CD2,30106CD3" +
        "&Report=15,3,8,11,0,%2D2" +
        "&Text=Out%20of%20credit,Invalid%20number,Number%20blacklisted,Invalid%20characters%20removed,Delivered,Accepted%20by%20csoft%3A%20queued",
    });
  });

  it("publishes its rules in a table", () => {
    expect(SIMULATED_OUTCOMES.map((row) => [row.endsWith, row.report])).toEqual([
      ["15", 15],
      ["03", 3],
      ["08", 8],
      ["11", 11],
      ["00", 0],
      [null, -2],
    ]);
  });

  it("answers ResponseFormat 1 with the last failure, else the last number", async () => {
    const csoft = await cleanup.simulator();
    const failing = await post(
      csoft.url,
      `${login}&SendTo=447700900015,447700900003,447700900042&Message=Hi&ResponseFormat=1`,
    );
    expect(failing.text).toBe("MessageIdentifier=30106CCF&Report=3&Text=Invalid%20number");
    const fine = await post(
      csoft.url,
      `${login}&SendTo=447700900042,447700900000&Message=Hi&ResponseFormat=1`,
    );
    expect(fine.text).toBe("MessageIdentifier=30106CD2&Report=0&Text=Delivered");
  });

  it("answers ResponseFormat 0, csoft's default, as `<code> - <text>`", async () => {
    const csoft = await cleanup.simulator();
    expect((await post(csoft.url, `${login}&SendTo=447700900042&Message=Hi`)).text).toBe(
      "-2 - Accepted by csoft: queued",
    );
    expect((await post(csoft.url, "Username=x&PIN=1&SendTo=447700900042&Message=Hi")).text).toBe(
      "171 - Invalid login",
    );
  });

  it("refuses a bad login for the whole request", async () => {
    const csoft = await cleanup.simulator();
    const answer = await post(
      csoft.url,
      `Username=${USERNAME}&PIN=000000&SendTo=447700900042,447700900043&Message=Hi&ResponseFormat=3`,
    );
    expect(answer.text).toBe("MessageIdentifier=-1&Report=2&Text=Invalid%20Login");
  });

  it("answers legacy Format One requests with 01, 97 or 99", async () => {
    const csoft = await cleanup.simulator();
    const formatOne = (rest: string) => post(csoft.url, `UN=${USERNAME}&PIN=${PIN}&${rest}`);
    expect((await formatOne("N=447700912345&M=Is%2050%25%20OK%3f")).text).toBe("01");
    expect((await formatOne("N=447700900015&M=Hi")).text).toBe("97");
    expect((await formatOne("N=447700912345")).text).toBe("97");
    expect((await post(csoft.url, "UN=someone&PIN=1&N=447700912345&M=Hi")).text).toBe("99");
  });

  it("answers for three members of an address book", async () => {
    const csoft = await cleanup.simulator();
    const answer = await post(
      csoft.url,
      `${login}&SendToAddressBook=Staff::Oncall&Message=Hi&ResponseFormat=3`,
    );
    expect(answer.text).toMatch(
      /^MessageIdentifier=30106CCE,30106CCF,30106CD0&Report=%2D2,%2D2,%2D2&/,
    );
  });

  it("refuses more than 350 numbers, or a request without a message or recipients", async () => {
    const csoft = await cleanup.simulator();
    const numbers = Array.from({ length: 351 }, (_, i) => `4477009${String(i).padStart(5, "0")}`);
    const tooMany = await post(
      csoft.url,
      `${login}&SendTo=${numbers.join(",")}&Message=Hi&ResponseFormat=3`,
    );
    expect(tooMany.text).toBe(
      "MessageIdentifier=-1&Report=98&Text=More%20than%20350%20numbers%20in%20one%20request",
    );
    const noMessage = await post(csoft.url, `${login}&SendTo=447700900042&ResponseFormat=3`);
    expect(noMessage.text).toContain("Report=98&");
    const noRecipient = await post(csoft.url, `${login}&Message=Hi&ResponseFormat=3`);
    expect(noRecipient.text).toContain("Report=98&");
  });

  it("records each request: method, path, headers, raw body and parsed parameters", async () => {
    const csoft = await cleanup.simulator();
    await post(csoft.url, `${login}&SendTo=447700900042&Message=%D7%90&ResponseFormat=3`);
    expect(csoft.requests).toHaveLength(1);
    const [recorded] = csoft.requests;
    expect(recorded).toMatchObject({
      method: "POST",
      path: "/webservices/http/sendsms",
      body: `${login}&SendTo=447700900042&Message=%D7%90&ResponseFormat=3`,
    });
    expect(recorded?.headers["content-type"]).toBe(
      'application/x-www-form-urlencoded; charset="utf-8"',
    );
    expect(recorded?.params.get("Message")).toBe("\u05D0");
  });

  it("answers 500, 503, 504, or an HTML page, when told to", async () => {
    const csoft = await cleanup.simulator();
    const statuses: number[] = [];
    for (const fault of ["status500", "status503", "status504"] as const) {
      await csoft.setFault(fault);
      statuses.push((await post(csoft.url, login)).status);
    }
    expect(statuses).toEqual([500, 503, 504]);
    await csoft.setFault("malformed");
    const page = await post(csoft.url, login);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/^<!DOCTYPE html>/);
    expect(csoft.requests).toHaveLength(4);
  });

  it("drops or resets the connection, or never answers, after reading the request", async () => {
    const csoft = await cleanup.simulator();
    await csoft.setFault("drop");
    await expect(post(csoft.url, login)).rejects.toMatchObject({ code: "UND_ERR_SOCKET" });
    await csoft.setFault("reset");
    await expect(post(csoft.url, login)).rejects.toMatchObject({ code: "ECONNRESET" });
    await csoft.setFault("hang");
    await expect(
      request(csoft.url, { method: "POST", body: login, headersTimeout: 100 }),
    ).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(csoft.requests.map((r) => r.body)).toEqual([login, login, login]);
  });

  it("trickles its answer: headers at once, then one byte at a time", async () => {
    const csoft = await cleanup.simulator({ trickleIntervalMs: 1 });
    await csoft.setFault("trickle");
    const response = await request(csoft.url, {
      method: "POST",
      body: `${login}&SendTo=447700900042&Message=Hi&ResponseFormat=3`,
    });
    const chunks: number[] = [];
    for await (const chunk of response.body) chunks.push((chunk as Buffer).length);
    expect(response.statusCode).toBe(200);
    expect(chunks.every((length) => length === 1)).toBe(true);
    expect(chunks.length).toBe(Number(response.headers["content-length"]));
  });

  it("refuses connections, then listens again on the same port", async () => {
    const csoft = await cleanup.simulator();
    await csoft.setFault("refuse");
    await expect(post(csoft.url, login)).rejects.toMatchObject({ code: "ECONNREFUSED" });
    await csoft.setFault("none");
    expect((await post(csoft.url, `${login}&SendTo=447700900042&Message=Hi`)).status).toBe(200);
  });
});
