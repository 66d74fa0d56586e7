import { describe, expect, it } from "vitest";
import { CsoftClient } from "../../src/csoft/client.js";
import { CSOFT_CONTENT_TYPE } from "../../src/csoft/encode.js";
import { CsoftReportError } from "../../src/csoft/errors.js";
import type { SendRequest } from "../../src/csoft/types.js";
import { acceptedNumbers, clientOptions, PIN, USERNAME, useCleanup } from "./helpers.js";

const cleanup = useCleanup();

const page = (numbers: string[], message = "Database down"): SendRequest => ({
  destination: { kind: "numbers", numbers },
  message,
  flash: false,
});

describe("CsoftClient sending", () => {
  it("gives each number its report code, meaning and message identifier, in input order", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));
    const numbers = [
      "447700900042",
      "447700900015",
      "447700900011",
      "447700900000",
      "447700900003",
    ];

    const sent = await client.send(page(numbers));

    expect(sent.results.map((r) => [r.recipient, r.reportCode, r.outcome, r.messageId])).toEqual([
      ["447700900042", -2, "accepted", "30106CCE"],
      ["447700900015", 15, "failed", "30106CCF"],
      ["447700900011", 11, "warning", "30106CD0"],
      ["447700900000", 0, "delivered", "30106CD1"],
      ["447700900003", 3, "failed", "30106CD2"],
    ]);
    expect(sent.results[1]).toMatchObject({
      meaning: "out of credit",
      csoftText: "Out of credit",
      scheme: "report",
      server: "primary",
    });
    expect(sent.batches).toHaveLength(1);
    expect(sent.batches[0]).toMatchObject({ server: "primary", failedOver: false });
    expect(sent.batches[0]?.error).toBeUndefined();
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
    const [request] = primary.requests;
    expect(request?.headers["content-type"]).toBe(CSOFT_CONTENT_TYPE);
    expect(request?.params.get("SendTo")).toBe(numbers.join(","));
    expect(request?.params.get("ResponseFormat")).toBe("3");
  });

  it("sends 700 numbers as exactly two requests of 350", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));
    const numbers = acceptedNumbers(700);

    const sent = await client.send(page(numbers));

    expect(primary.requests.map((r) => r.params.get("SendTo")?.split(",").length)).toEqual([
      350, 350,
    ]);
    expect(sent.results.map((r) => r.recipient)).toEqual(numbers);
    expect(new Set(sent.results.map((r) => r.messageId)).size).toBe(700);
    expect(sent.batches.map((b) => b.recipients.length)).toEqual([350, 350]);
  });

  it("keeps at most `concurrency` requests in flight, over at most that many connections", async () => {
    const { primary, secondary } = await cleanup.pair({ latencyMs: 40 });
    const client = cleanup.client(
      clientOptions(primary, secondary, { concurrency: 2, batchSize: 2 }),
    );

    const sent = await client.send(page(acceptedNumbers(20)));

    expect(primary.requests).toHaveLength(10);
    expect(primary.maxInFlight).toBe(2);
    expect(primary.connections).toBeLessThanOrEqual(2);
    expect(sent.results.every((r) => r.outcome === "accepted")).toBe(true);
  });

  it("reuses its connections across sends", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary, { concurrency: 1 }));
    for (let i = 0; i < 3; i += 1) await client.send(page(acceptedNumbers(1)));
    expect(primary.requests).toHaveLength(3);
    expect(primary.connections).toBe(1);
  });

  it("sends an address book as one request and labels each member", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));

    const sent = await client.send({
      destination: { kind: "addressBook", book: "Staff", group: "Oncall" },
      message: "hi",
      flash: true,
    });

    expect(primary.requests).toHaveLength(1);
    expect(primary.requests[0]?.params.get("SendToAddressBook")).toBe("Staff::Oncall");
    expect(primary.requests[0]?.params.get("FlashMessage")).toBe("hi");
    expect(sent.results.map((r) => r.recipient)).toEqual([
      "book:Staff::Oncall #1",
      "book:Staff::Oncall #2",
      "book:Staff::Oncall #3",
    ]);
    expect(sent.batches[0]?.recipients).toEqual(["book:Staff::Oncall"]);
  });
});

describe("CsoftClient and report codes", () => {
  it("never retries a number that failed with report code 15", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));

    const sent = await client.send(page(["447700900015"]));

    expect(sent.results[0]).toMatchObject({ reportCode: 15, outcome: "failed", server: "primary" });
    expect(primary.requests.length + secondary.requests.length).toBe(1);
  });

  it("reports a whole-request invalid login on every number, without retrying", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(
      clientOptions(primary, secondary, { credentials: { username: USERNAME, pin: "111111" } }),
    );

    const sent = await client.send(page(["447700900042", "447700900043", "447700900044"]));

    expect(sent.results.map((r) => [r.reportCode, r.outcome, r.messageId])).toEqual([
      [2, "failed", null],
      [2, "failed", null],
      [2, "failed", null],
    ]);
    const error = sent.batches[0]?.error;
    expect(error).toBeInstanceOf(CsoftReportError);
    expect(error).toMatchObject({ code: "CSOFT_REPORT", reportCode: 2, server: "primary" });
    expect(primary.requests).toHaveLength(1);
    expect(secondary.requests).toHaveLength(0);
  });
});

describe("CsoftClient input and options", () => {
  const urls = { credentials: { username: USERNAME, pin: PIN } };

  it("refuses a plain http:// URL unless its host is loopback", () => {
    expect(
      () =>
        new CsoftClient({
          ...urls,
          primaryUrl: "http://www.csoft.co.uk/webservices/http/sendsms",
          secondaryUrl: "https://www2.csoft.co.uk/webservices/http/sendsms",
        }),
    ).toThrow(/refusing plain http:\/\/ for the csoft primary URL/);
    expect(
      () =>
        new CsoftClient({
          ...urls,
          primaryUrl: "https://www.csoft.co.uk/webservices/http/sendsms",
          secondaryUrl: "http://10.0.0.1/webservices/http/sendsms",
        }),
    ).toThrow(/secondary/);
    for (const host of ["127.0.0.1", "127.1.2.3", "localhost", "[::1]"]) {
      const client = new CsoftClient({
        ...urls,
        primaryUrl: `http://${host}:1/sendsms`,
        secondaryUrl: "https://www2.csoft.co.uk/webservices/http/sendsms",
      });
      expect(client).toBeInstanceOf(CsoftClient);
      void client.close();
    }
  });

  it("refuses a batch size above 350, a concurrency below 1 and a negative hedge delay", () => {
    const base = {
      ...urls,
      primaryUrl: "https://www.csoft.co.uk/webservices/http/sendsms",
      secondaryUrl: "https://www2.csoft.co.uk/webservices/http/sendsms",
    };
    expect(() => new CsoftClient({ ...base, batchSize: 351 })).toThrow(
      expect.objectContaining({
        code: "INVALID_OPTION",
        message: expect.stringMatching(/batchSize/),
      }),
    );
    expect(() => new CsoftClient({ ...base, concurrency: 0 })).toThrow(
      expect.objectContaining({
        code: "INVALID_OPTION",
        message: expect.stringMatching(/concurrency/),
      }),
    );
    expect(() => new CsoftClient({ ...base, hedgeDelayMs: -1 })).toThrow(/hedgeDelayMs/);
  });

  it("rejects a number that is not digits, sending nothing", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));
    await expect(client.send(page(["447700900042", "+44 7700"]))).rejects.toThrow(
      expect.objectContaining({
        code: "CSOFT_BAD_REQUEST",
        message: expect.stringMatching(/digits only/),
      }),
    );
    expect(primary.requests).toHaveLength(0);
  });

  it("rejects a send after close", async () => {
    const { primary, secondary } = await cleanup.pair();
    const client = cleanup.client(clientOptions(primary, secondary));
    await client.close();
    await expect(client.send(page(["447700900042"]))).rejects.toThrow(/after close/);
  });
});
