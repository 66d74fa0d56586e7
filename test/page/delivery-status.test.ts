// /sms status and /sms history say what delivery receipts said of each number.
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { printReceipts } from "../../adapters/shell/receipts.js";
import { parseDeliveryReceipt } from "../../src/csoft/receipt.js";
import { createDeliveries, type Deliveries } from "../../src/delivery/service.js";
import { createPager, type Pager } from "../../src/page/pager.js";
import type { Store } from "../../src/store/index.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { receiptBody, receiptFields } from "../support/receipts.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

let csoft: LocalCsoft;
let store: Store;
let pager: Pager;
let deliveries: Deliveries;
let surface: RecordingSurface;
const ctx = () => ({ actor: { platform: "shell" as const, id: "u1", name: "alice" }, surface });

beforeEach(async () => {
  csoft = await startLocalCsoft();
  store = memoryStore();
  surface = recordingSurface();
  pager = createPager({ store, transport: csoft.client });
  deliveries = createDeliveries({
    store,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
});

afterEach(async () => {
  await deliveries.close();
  await csoft.close();
  await store.close();
});

async function pageTwo(): Promise<[string, string]> {
  await runText(pager, "447700900101,447700900102 db1 is down", ctx());
  const ids = surface.reports[0]?.results.map((r) => r.messageId ?? "") ?? [];
  return [ids[0] ?? "", ids[1] ?? ""];
}

const receive = (id: string, number: string, report: number) =>
  deliveries.receive(parseDeliveryReceipt(receiptBody(receiptFields(id, number, report))));

describe("delivery states in /sms status and /sms history", () => {
  it("status by message id says delivered, with the handset's time", async () => {
    const [first] = await pageTwo();
    await receive(first, "447700900101", 0);
    await runText(pager, `status ${first}`, ctx());
    expect(surface.privateReplies.at(-1)).toContain(
      "delivery: delivered to the handset at 2026-11-25 03:00:09Z",
    );
  });

  it("status by number says not delivered with csoft's code and meaning, or waiting", async () => {
    const [, second] = await pageTwo();
    await runText(pager, "status 447700900101", ctx());
    // No receipt yet for the page: receipts may not be set up, so nothing is said of delivery.
    expect(surface.privateReplies.at(-1)).not.toContain("delivery:");
    await receive(second, "447700900102", 27);
    await runText(pager, "status 447700900101", ctx());
    expect(surface.privateReplies.at(-1)).toContain("delivery: waiting for csoft's receipt");
    await runText(pager, "status 447700900102", ctx());
    expect(surface.privateReplies.at(-1)).toContain(
      "delivery: NOT DELIVERED: code 27 expired at the operator's message centre",
    );
  });

  it("history gives the delivery summary of each page a receipt came for", async () => {
    const [first, second] = await pageTwo();
    await receive(first, "447700900101", 0);
    await receive(second, "447700900102", 27);
    await runText(pager, "history", ctx());
    expect(surface.privateReplies.at(-1)).toContain("delivered 1 of 2, 1 not delivered, 0 waiting");
  });

  it("status of an identifier no page has shows its receipt", async () => {
    await receive("DEADBEEF", "447700900999", 0);
    await runText(pager, "status DEADBEEF", ctx());
    expect(surface.privateReplies.at(-1)).toMatch(/no page of this bot sent[\s\S]*delivered/);
  });

  it("the terminal prints each receipt as it arrives", async () => {
    const output = new PassThrough();
    let printed = "";
    output.on("data", (chunk: Buffer) => {
      printed += chunk.toString("utf8");
    });
    deliveries.onReceipt(printReceipts(output));
    const [first, second] = await pageTwo();
    await receive(first, "447700900101", 0);
    await receive(second, "447700900102", 27);
    await receive(second, "447700900102", 27);
    expect(printed.trimEnd().split("\n")).toEqual([
      `receipt page #1 447700900101: delivered at 2026-11-25 03:00:09Z, id ${first}`,
      `receipt page #1 447700900102: NOT DELIVERED: code 27 expired at the operator's message centre, id ${second}`,
      `receipt page #1 447700900102: NOT DELIVERED: code 27 expired at the operator's message centre, id ${second} (again)`,
    ]);
  });
});
