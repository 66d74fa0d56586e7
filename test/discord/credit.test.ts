import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsoftAccount } from "../../src/csoft/account.js";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";
import { CSOFT_PIN, CSOFT_USERNAME, callsOf, type Harness, startHarness } from "./harness.js";

const EPHEMERAL = 64;
const DEFERRED_CHANNEL_MESSAGE = 5;

let csoft: Simulator;
let account: CsoftAccount;
let harness: Harness;

beforeAll(async () => {
  csoft = await startSimulator({ username: CSOFT_USERNAME, pin: CSOFT_PIN });
  account = new CsoftAccount({
    credentials: { username: CSOFT_USERNAME, pin: CSOFT_PIN },
    primaryUrl: csoft.url,
    secondaryUrl: csoft.url,
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 30_000,
  });
  harness = await startHarness({ pager: { credit: account } });
});

afterAll(async () => {
  await harness?.close();
  await account?.close();
  await csoft?.close();
});

describe("/sms-credit in Discord", () => {
  it("defers privately, then answers with the balance where only the caller sees it", async () => {
    const sent = harness.discord.sendInteraction({ name: "sms-credit" });
    const answer = await harness.discord.waitForCall(
      (call) => call.method === "PATCH" && call.path.endsWith(`${sent.token}/messages/@original`),
    );
    const callback = callsOf(harness.discord, sent).find((call) => call.path.endsWith("/callback"));
    expect(callback?.body).toEqual({ type: DEFERRED_CHANNEL_MESSAGE, data: { flags: EPHEMERAL } });
    expect(answer.body.content).toBe("csoft credit: GBP 15.23 (answered by the primary server)");
    expect(answer.body.allowed_mentions).toEqual({ parse: [] });
    expect(csoft.requests.map((request) => request.path)).toEqual([
      "/webservices/http/queryaccount",
    ]);
    // Nothing public: no follow-up, no thread, no deleted placeholder.
    expect(callsOf(harness.discord, sent).map((call) => call.method)).toEqual(["POST", "PATCH"]);
  });
});
