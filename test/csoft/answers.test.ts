import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { CsoftClient } from "../../src/csoft/client.js";
import { CsoftProtocolError, CsoftReportError } from "../../src/csoft/errors.js";
import type { SendRequest } from "../../src/csoft/types.js";
import { PIN, USERNAME, useCleanup } from "./helpers.js";

const cleanup = useCleanup();
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

/** A server that gives one fixed answer to every request, counting them. */
async function answering(
  status: number,
  body: string,
): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      hits += 1;
      response.writeHead(status, { "content-type": "text/html" }).end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/webservices/http/sendsms`, hits: () => hits };
}

async function sendThrough(primaryUrl: string, numbers: string[]) {
  const secondary = await cleanup.simulator();
  const client: CsoftClient = cleanup.client({
    credentials: { username: USERNAME, pin: PIN },
    primaryUrl,
    secondaryUrl: secondary.url,
  });
  const request: SendRequest = {
    destination: { kind: "numbers", numbers },
    message: "x",
    flash: false,
  };
  return { sent: await client.send(request), secondary };
}

describe("csoft answers the client must read as they are", () => {
  it("marks every number unknown when the reports cannot be matched to the numbers", async () => {
    const primary = await answering(200, "MessageIdentifier=A1,A2&Report=%2D2,%2D2");
    const { sent, secondary } = await sendThrough(primary.url, [
      "447700900001",
      "447700900002",
      "447700900004",
    ]);

    expect(sent.results.map((r) => [r.outcome, r.server])).toEqual([
      ["unknown", "primary"],
      ["unknown", "primary"],
      ["unknown", "primary"],
    ]);
    expect(sent.batches[0]?.error).toBeInstanceOf(CsoftProtocolError);
    expect(secondary.requests).toHaveLength(0);
  });

  it("takes a csoft answer under a 4xx status as csoft's answer, without failing over", async () => {
    const primary = await answering(403, "MessageIdentifier=-1&Report=2&Text=Invalid%20Login");
    const { sent, secondary } = await sendThrough(primary.url, ["447700900001", "447700900002"]);

    expect(sent.results.map((r) => [r.reportCode, r.outcome])).toEqual([
      [2, "failed"],
      [2, "failed"],
    ]);
    expect(sent.batches[0]?.error).toBeInstanceOf(CsoftReportError);
    expect(primary.hits()).toBe(1);
    expect(secondary.requests).toHaveLength(0);
  });

  it.each([
    ["a 4xx page", 404, "<html>Not Found</html>", "not a csoft response (HTTP 404)"],
    ["a body too large", 200, "x".repeat(2 * 1024 * 1024), "not a csoft response (too large)"],
  ])("is unknown, never resent, on %s", async (_name, status, body, reason) => {
    const primary = await answering(status, body);
    const { sent, secondary } = await sendThrough(primary.url, ["447700900001"]);

    expect(sent.results[0]).toMatchObject({ outcome: "unknown", server: null });
    expect(sent.batches[0]?.error).toMatchObject({ code: "CSOFT_ANSWER_UNKNOWN", reason });
    expect(primary.hits()).toBe(1);
    expect(secondary.connections).toBe(0);
  });

  it.each([
    ["171 - Invalid login", "format0", 171, "failed", "Invalid login"],
    ["99", "formatOne", 99, "failed", "invalid username or PIN"],
    ["01", "formatOne", 1, "accepted", "message accepted"],
  ])(
    "applies the legacy answer %j to the whole batch",
    async (body, scheme, code, outcome, meaning) => {
      const primary = await answering(200, body);
      const { sent, secondary } = await sendThrough(primary.url, ["447700900001", "447700900002"]);

      for (const result of sent.results) {
        expect(result).toMatchObject({
          scheme,
          reportCode: code,
          outcome,
          meaning,
          server: "primary",
        });
      }
      expect(sent.batches[0]?.error instanceof CsoftReportError).toBe(outcome === "failed");
      expect(secondary.requests).toHaveLength(0);
    },
  );
});
