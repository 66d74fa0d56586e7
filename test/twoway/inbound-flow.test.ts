// The scenario over loopback HTTP: a page to db-oncall, whose policy pages carol after
// 10 s; csoft posts alice's "ack" to /csoft/inbound before then, and carol is never paged.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inboundRoute } from "../../src/callbacks/index.js";
import { parseDirectory } from "../../src/contacts/load.js";
import { silentLogger } from "../../src/log.js";
import { createPager, type Pager } from "../../src/page/pager.js";
import type { Store } from "../../src/store/index.js";
import { storeInboundReply } from "../../src/twoway/inbound-handler.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";
import { recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";

const ALICE = "447700900001";
const CAROL = "447700900033";
const DIRECTORY = parseDirectory(
  `people:
  alice: { phone: "${ALICE}" }
  bob: { phone: "447700900002" }
  carol: { phone: "${CAROL}" }
groups:
  db-oncall:
    members: [alice, bob]
    escalate:
      - { after: 10s, to: [carol] }
`,
  "contacts.yaml",
);

let csoft: LocalCsoft;
let dir: StoreDir;
let store: Store;
let clock: ManualClock;
let pager: Pager;
let server: Server;
let url: string;

beforeEach(async () => {
  csoft = await startLocalCsoft();
  dir = tempStoreDir("inbound-flow-");
  store = dir.open();
  clock = manualClock();
  pager = createPager({
    transport: csoft.client,
    store,
    clock,
    directory: () => DIRECTORY,
    replyTo: "447700900999",
  });
  await pager.startEscalations();
  const route = inboundRoute(
    (reply, receivedAt) =>
      storeInboundReply(reply, receivedAt, {
        replies: store,
        logger: silentLogger(),
        onReply: async (stored) => void (await pager.receiveReply(stored)),
      }),
    { credentials: { username: "hooks", pin: "4417" }, logger: silentLogger(), now: clock.now },
  );
  server = createServer((req, res) => route.handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/csoft/inbound`;
});

afterEach(async () => {
  await pager.shutdown(0);
  await new Promise((resolve) => server.close(resolve));
  await csoft.close();
  await dir.remove();
});

const page = () =>
  runText(pager, "db-oncall disk full", {
    actor: { platform: "shell", id: "u1", name: "dave" },
    surface: recordingSurface(),
  });

const sentTo = () => csoft.simulator.requests.map((r) => r.params.get("SendTo"));

describe("a reply posted to /csoft/inbound", () => {
  it("acknowledges the page within 10 s, and carol is never paged", async () => {
    await page();
    clock.advance(6_000);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `Username=hooks&PIN=4417&SendTo=447700900999&ReplyTo=${ALICE}&Message=ack&MessageIdentifier=AB12`,
    });
    expect(response.status).toBe(200);
    await until(async () => (await store.acknowledgement(1)) !== undefined);
    clock.advance(60_000);
    await pager.shutdown(0);
    expect(sentTo()).toEqual([`${ALICE},447700900002`]);
    expect(await store.acknowledgement(1)).toMatchObject({ via: "sms", by: "alice" });
  });

  it("without one, carol is paged once after 10 s", async () => {
    await page();
    clock.advance(10_000);
    await until(() => csoft.simulator.requests.length === 2);
    clock.advance(60_000);
    await pager.shutdown(0);
    expect(sentTo()).toEqual([`${ALICE},447700900002`, CAROL]);
  });
});
