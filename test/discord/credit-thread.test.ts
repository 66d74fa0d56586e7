import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsoftAccount } from "../../src/csoft/account.js";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import {
  CSOFT_PIN,
  CSOFT_USERNAME,
  callsOf,
  type Harness,
  isResultEdit,
  resultMessages,
  smsInteraction,
  startHarness,
} from "./harness.js";

let csoft: Simulator;
let account: CsoftAccount;
let harness: Harness;

beforeAll(async () => {
  csoft = await startSimulator({
    username: CSOFT_USERNAME,
    pin: CSOFT_PIN,
    credit: { currency: "GBP", amount: "0.0200", shape: "separate" },
  });
  account = new CsoftAccount({
    credentials: { username: CSOFT_USERNAME, pin: CSOFT_PIN },
    primaryUrl: csoft.url,
    secondaryUrl: csoft.url,
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 30_000,
  });
  harness = await startHarness({ pager: { credit: account, lowCredit: 1 } });
});

afterAll(async () => {
  await harness?.close();
  await account?.close();
  await csoft?.close();
});

describe("credit in a page's Discord thread", () => {
  it("opens with out of credit and the balance, and ends with the low-credit warning", async () => {
    const sent = harness.discord.sendInteraction(
      smsInteraction({ to: "447700900115,447700900101", message: "db1 is down" }),
    );
    await harness.discord.waitForCall(isResultEdit(sent));
    const warning = await harness.discord.waitForCall(
      (call) =>
        call.method === "POST" &&
        call.path.startsWith("/channels/") &&
        (call.body.embeds?.[0]?.description ?? "").startsWith("Low csoft credit"),
    );
    const messages = resultMessages(callsOf(harness.discord, sent));
    const [notice] = messages.flat();
    expect(notice?.title).toBe("Notice");
    expect(notice?.description).toBe(
      "OUT OF CREDIT: csoft refused 1 number with code 15; they were not sent. csoft credit: GBP 0.02. Top up the csoft account, then page them again.",
    );
    expect(warning.body.embeds?.[0]?.description).toBe(
      "Low csoft credit: GBP 0.02, below GBP 1.00 (CSOFT_LOW_CREDIT). Top up the csoft account before pages fail with code 15 (out of credit).",
    );
    expect(warning.body.allowed_mentions).toEqual({ parse: [] });
    expect(messages.flat().at(-1)?.description).toBe(warning.body.embeds?.[0]?.description);
  });
});
