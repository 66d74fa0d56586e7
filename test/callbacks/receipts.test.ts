// POST /csoft/receipts on real loopback HTTP: credentials, lenient reading, idempotent states,
// store first and chat after, and edits coalesced however fast receipts come.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { NumberResult } from "../../src/csoft/types.js";
import { createDeliveries, type Deliveries } from "../../src/delivery/service.js";
import { createMetrics, type Metrics } from "../../src/metrics/index.js";
import type { Store } from "../../src/store/index.js";
import { AT, newPage, result } from "../store/fixtures.js";
import { type ManualClock, manualClock, until } from "../support/manual-timer.js";
import {
  type CallbackServer,
  notedCount,
  postReceipt,
  type RecordingEditor,
  receiptBody,
  receiptFields,
  recordingEditor,
  startCallbackServer,
} from "../support/receipts.js";
import { memoryStore } from "../support/store.js";

let store: Store;
let clock: ManualClock;
let editor: RecordingEditor;
let metrics: Metrics;
let deliveries: Deliveries;
let server: CallbackServer;
let pageId: number;

const MESSAGES = { platform: "slack", parent: { p: 1 }, report: { r: 1 }, summary: "2 sent" };

async function sendPage(numbers: string[], results: NumberResult[]): Promise<number> {
  const recorded = await store.recordPage({ ...newPage, numbers }, AT);
  if (!recorded.recorded) throw new Error("not recorded");
  await store.completePage(recorded.id, results, AT);
  await store.saveThread(recorded.id, { platform: "slack", thread: MESSAGES.parent }, AT);
  await store.saveChatMessages(recorded.id, MESSAGES, AT);
  return recorded.id;
}

const post = (fields: Record<string, string>) => postReceipt(server.url, receiptBody(fields));

beforeEach(async () => {
  store = memoryStore();
  clock = manualClock(AT + 10_000);
  editor = recordingEditor();
  metrics = createMetrics({ processMetrics: false });
  deliveries = createDeliveries({ store, logger: silent(), clock, metrics });
  deliveries.attach("slack", editor);
  server = await startCallbackServer(deliveries, { clock });
  pageId = await sendPage(
    ["447700900101", "447700900102"],
    [result("447700900101", "30106CCE"), result("447700900102", "30106CCF")],
  );
});

afterEach(async () => {
  await server.close();
  await deliveries.close();
  await store.close();
});

function silent() {
  return { debug() {}, info() {}, warn() {}, error() {} };
}

describe("POST /csoft/receipts", () => {
  it("stores a receipt with the right Username and PIN and answers 200", async () => {
    expect(await post(receiptFields("30106CCE", "447700900101", 0))).toEqual({
      status: 200,
      text: "OK",
    });
    const [first] = await store.pageDeliveries(pageId);
    expect(first).toMatchObject({
      state: "delivered",
      handsetAt: new Date("2026-11-25T03:00:09Z"),
    });
  });

  it.each([
    ["a wrong PIN", { PIN: "4418" }],
    ["a wrong Username", { Username: "hook" }],
    ["csoft's NULL for both", { Username: "NULL", PIN: "NULL" }],
  ])("answers 401 to %s and records nothing", async (_, over) => {
    expect((await post(receiptFields("30106CCE", "447700900101", 0, over))).status).toBe(401);
    expect(await store.receiptsFor(["30106CCE"])).toEqual([]);
  });

  it("answers 401 to a receipt without credentials, and records nothing", async () => {
    const { Username: _u, PIN: _p, ...rest } = receiptFields("30106CCE", "447700900101", 0);
    expect((await post(rest)).status).toBe(401);
    expect(await store.receiptsFor(["30106CCE"])).toEqual([]);
  });

  it("answers 400 to a body that is not a form, or not a receipt", async () => {
    const json = JSON.stringify(receiptFields("30106CCE", "447700900101", 0));
    expect((await postReceipt(server.url, json, "application/json")).status).toBe(400);
    const noId = receiptFields("", "447700900101", 0);
    expect((await post(noId)).status).toBe(400);
    expect((await postReceipt(server.url, `${receiptBody(noId)}&Text=100%`)).status).toBe(400);
    expect(await store.receiptsFor(["30106CCE"])).toEqual([]);
  });

  it("reads fields in any order, ignores unknown ones, and takes the SOAP spelling SentTo", async () => {
    const { SendTo, ...fields } = receiptFields("30106CCF", "447700900102", 27);
    const shuffled = Object.fromEntries(Object.entries({ ...fields, SentTo: SendTo }).reverse());
    expect((await post({ NewTag: "x", ...shuffled })).status).toBe(200);
    expect((await store.pageDeliveries(pageId))[1]).toMatchObject({
      state: "not-delivered",
      reportCode: 27,
    });
  });

  it("answers 200 to a duplicate and records it", async () => {
    const fields = receiptFields("30106CCE", "447700900101", 0);
    expect((await post(fields)).status).toBe(200);
    expect((await post(fields)).status).toBe(200);
    expect(await store.receiptsFor(["30106CCE"])).toMatchObject([{ received: 2 }]);
  });

  it("answers 200 to an identifier no page has, and records it", async () => {
    expect((await post(receiptFields("DEADBEEF", "447700900999", 0))).status).toBe(200);
    expect(await store.receiptsFor(["DEADBEEF"])).toMatchObject([{ state: "delivered" }]);
  });

  it("keeps a final state when an intermediate one comes after it", async () => {
    await post(receiptFields("30106CCE", "447700900101", 0));
    expect((await post(receiptFields("30106CCE", "447700900101", -2))).status).toBe(200);
    expect((await store.pageDeliveries(pageId))[0]?.state).toBe("delivered");
  });

  it("answers once the receipt is stored, without waiting for the chat", async () => {
    let release = () => {};
    editor.hold = new Promise<void>((resolve) => (release = resolve));
    expect((await post(receiptFields("30106CCE", "447700900101", 0))).status).toBe(200);
    expect((await store.pageDeliveries(pageId))[0]?.state).toBe("delivered");
    expect(editor.views).toHaveLength(0);
    release();
    await until(() => editor.views.length === 1);
  });

  it("answers 404 when no callback credentials are configured", async () => {
    const off = await startCallbackServer(deliveries, { credentials: undefined });
    expect(
      (await postReceipt(off.url, receiptBody(receiptFields("30106CCE", "1", 0)))).status,
    ).toBe(404);
    await off.close();
  });

  it("counts receipts by state and times send to handset", async () => {
    await post(receiptFields("30106CCE", "447700900101", -2));
    await post(receiptFields("30106CCE", "447700900101", 0));
    await post(receiptFields("30106CCF", "447700900102", 27));
    const { body } = await metrics.render();
    expect(body).toContain('csoft_receipts_total{state="accepted"} 1');
    expect(body).toContain('csoft_receipts_total{state="delivered"} 1');
    expect(body).toContain('csoft_receipts_total{state="not_delivered"} 1');
    expect(body).toContain("csoft_send_to_handset_seconds_sum 9");
    expect(body).toContain("csoft_send_to_handset_seconds_count 1");
  });
});

describe("the thread, from receipts", () => {
  it("tells the requester once of a number not delivered, after editing the report", async () => {
    await post(receiptFields("30106CCF", "447700900102", 27));
    await until(() => editor.notices.length === 1);
    expect(editor.views[0]?.summary).toBe("delivered 0 of 2, 1 not delivered, 1 waiting");
    expect(editor.notices[0]?.mention).toBe("U1");
    expect(editor.notices[0]?.text).toMatch(
      new RegExp(`^1 number was NOT DELIVERED for page #${pageId}: 447700900102 \\(code 27`),
    );
    await post(receiptFields("30106CCF", "447700900102", 27));
    clock.advance(2_000);
    expect(editor.notices).toHaveLength(1);
  });

  it("stores 3,500 receipts for one page in a burst, edits it a few times, and the last state lands", async () => {
    const numbers = Array.from({ length: 3_500 }, (_, i) => String(447700910000 + i));
    const ids = numbers.map((_, i) => `B${String(i).padStart(7, "0")}`);
    const big = await sendPage(
      numbers,
      numbers.map((n, i) => result(n, ids[i] ?? null)),
    );
    // Every tenth number fails; the rest reach their handsets.
    const statuses = await Promise.all(
      numbers.map((n, i) => post(receiptFields(ids[i] ?? "", n, i % 10 === 0 ? 27 : 0))),
    );
    expect(statuses.every((s) => s.status === 200)).toBe(true);
    const stored = await store.pageDeliveries(big);
    expect(stored.filter((d) => d.state === "delivered")).toHaveLength(3_150);
    expect(stored.filter((d) => d.state === "not-delivered")).toHaveLength(350);
    const ofBig = () => editor.views.filter((view) => view.pageId === big);
    await until(() => ofBig().length === 1);
    clock.advance(2_000);
    await until(() => ofBig().length === 2);
    clock.advance(2_000);
    clock.advance(2_000);
    expect(ofBig().length).toBeLessThanOrEqual(3);
    expect(ofBig().at(-1)?.summary).toBe("delivered 3150 of 3500, 350 not delivered, 0 waiting");
    const notices = editor.notices.filter((notice) => notice.text.includes(`page #${big}:`));
    expect(notices.length).toBeLessThanOrEqual(2);
    expect(notices.reduce((sum, notice) => sum + notedCount(notice), 0)).toBe(350);
  }, 60_000);
});
