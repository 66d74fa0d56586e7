// POST /csoft/inbound over real loopback HTTP: a server of the test's own calls the handler.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callbackRoutes, INBOUND_PATH, inboundRoute } from "../../src/callbacks/index.js";
import type { InboundReply } from "../../src/csoft/inbound.js";
import { createDeliveries } from "../../src/delivery/service.js";
import type { Store } from "../../src/store/index.js";
import {
  type InboundDeps,
  type StoredReply,
  storeInboundReply,
} from "../../src/twoway/inbound-handler.js";

type ReplyDeps = Pick<InboundDeps, "replies" | "logger" | "onReply">;

import { recordingLogger } from "../embed/recording-logger.js";
import { until } from "../support/manual-timer.js";
import { memoryStore } from "../support/store.js";

const AT = Date.parse("2026-11-30T14:06:05Z");
const CREDENTIALS = { username: "hooks", pin: "4417" };
const REPLY =
  "Username=hooks&PIN=4417&SendTo=447700900999&Message=ack+%E2%9C%93&ReplyTo=447700900123&Timestamp1=2026-11-30T14:06:00Z&MessageIdentifier=7F00AA01";

let store: Store;
let server: Server;
let url: string;
let handed: StoredReply[];
let seenStored: boolean[];
let log: ReturnType<typeof recordingLogger>;

async function serve(deps: ReplyDeps): Promise<void> {
  const route = inboundRoute((reply, receivedAt) => storeInboundReply(reply, receivedAt, deps), {
    credentials: CREDENTIALS,
    logger: deps.logger,
    now: () => AT,
  });
  server = createServer((req, res) => route.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${INBOUND_PATH}`;
}

const post = (body: string) =>
  fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });

beforeEach(async () => {
  store = memoryStore();
  handed = [];
  seenStored = [];
  log = recordingLogger();
  await serve({
    replies: store,
    logger: log.logger,
    async onReply(reply) {
      seenStored.push((await store.reply(reply.id)) !== undefined);
      handed.push(reply);
    },
  });
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

describe("POST /csoft/inbound", () => {
  it("stores a reply with csoft's credentials, answers 200, and hands it on once stored", async () => {
    const response = await post(REPLY);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("OK");
    const expected = {
      sender: "447700900123",
      twoWayNumber: "447700900999",
      message: "ack \u2713",
      sentAt: Date.parse("2026-11-30T14:06:00Z"),
      messageId: "7F00AA01",
    };
    await until(() => handed.length > 0);
    expect(handed).toEqual([{ ...expected, id: expect.any(Number), receivedAt: AT }]);
    expect(seenStored).toEqual([true]);
    expect(await store.reply(handed[0]?.id ?? 0)).toMatchObject({ ...expected, pageId: null });
  });

  it("answers a reply posted again 200, stores it once and hands it on once", async () => {
    expect((await post(REPLY)).status).toBe(200);
    await until(() => handed.length > 0);
    expect((await post(REPLY)).status).toBe(200);
    expect(handed).toHaveLength(1);
  });

  it.each([
    ["a wrong PIN", REPLY.replace("PIN=4417", "PIN=4418")],
    ["a wrong Username", REPLY.replace("Username=hooks", "Username=hook")],
    ["no credentials", REPLY.replace("Username=hooks&PIN=4417&", "")],
    ["csoft's NULL", REPLY.replace("Username=hooks&PIN=4417", "Username=NULL&PIN=NULL")],
    ["a wrong PIN and no sender", "Username=hooks&PIN=1&Message=hi"],
  ])("answers 401 to %s, and stores nothing", async (_, body) => {
    const response = await post(body);
    expect(response.status).toBe(401);
    expect(handed).toEqual([]);
    expect(await store.reply(1)).toBeUndefined();
  });

  it.each([
    ["no sender", REPLY.replace("&ReplyTo=447700900123", "")],
    ["no Message field", REPLY.replace("&Message=ack+%E2%9C%93", "")],
    ["a bad percent sequence", `${REPLY}&Extra=%zz`],
    ["a field given twice", `${REPLY}&message=again`],
  ])("answers 400 to %s, and stores nothing", async (_, body) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(handed).toEqual([]);
    expect(await store.reply(1)).toBeUndefined();
  });

  it("accepts fields in any order, unknown fields, and the older five-field form", async () => {
    const body =
      "NewTag=1&ReplyTo=447700900124&Message=&PIN=4417&SendTo=447700900999&Username=hooks";
    expect((await post(body)).status).toBe(200);
    await until(() => handed.length > 0);
    expect(handed[0]).toMatchObject({ sender: "447700900124", message: "" });
    expect(handed[0]?.messageId).toBeUndefined();
  });

  it("answers 500 when the store cannot take the reply, so csoft may post it again", async () => {
    await store.close();
    expect((await post(REPLY)).status).toBe(500);
    expect(handed).toEqual([]);
    store = memoryStore();
  });

  it("never logs the PIN or the Username it was given", async () => {
    await post(REPLY.replace("PIN=4417", "PIN=secret-pin-9"));
    await post(REPLY);
    const logged = JSON.stringify(log.entries);
    expect(logged).not.toContain("secret-pin-9");
    expect(logged).not.toContain("4417");
    expect(logged).not.toContain("hooks");
  });
});

describe("the callback routes", () => {
  it("serve /csoft/inbound beside /csoft/receipts when given where replies go, and not without", () => {
    const deliveries = createDeliveries({ store, logger: log.logger });
    const shared = { credentials: CREDENTIALS, deliveries, logger: log.logger };
    const replies = (reply: InboundReply, at: number) =>
      storeInboundReply(reply, at, { replies: store, logger: log.logger });
    expect(callbackRoutes({ ...shared, replies }).map((r) => [r.method, r.path])).toEqual([
      ["POST", "/csoft/receipts"],
      ["POST", "/csoft/inbound"],
    ]);
    expect(callbackRoutes(shared).map((r) => r.path)).toEqual(["/csoft/receipts"]);
    expect(callbackRoutes({ ...shared, credentials: undefined, replies })).toEqual([]);
  });
});
