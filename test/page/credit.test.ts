import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CsoftAccount } from "../../src/csoft/account.js";
import { type SimulatorOptions, startSimulator } from "../../src/csoft/simulator.js";
import { createPager } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";
import { type RecordingSurface, recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

const USERNAME = "ops.credit";
const PIN = "620931";
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function simulator(options: SimulatorOptions = {}) {
  const started = await startSimulator({ username: USERNAME, pin: PIN, ...options });
  closers.push(() => started.close());
  return started;
}

/** A loopback URL whose port nothing listens on. */
async function refusingUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/webservices/http/sendsms`;
}

/** Paging is not what these tests are about: a transport that would fail loudly. */
const NO_SENDING = {
  send: () => Promise.reject(new Error("nothing is sent")),
  close: async () => {},
};

function account(primaryUrl: string, secondaryUrl: string, pin = PIN): CsoftAccount {
  const created = new CsoftAccount({
    credentials: { username: USERNAME, pin },
    primaryUrl,
    secondaryUrl,
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 30_000,
  });
  closers.push(() => created.close());
  return created;
}

/** `/sms credit` typed at a terminal, through the real pager, account and transport. */
async function runCredit(
  primaryUrl: string,
  secondaryUrl: string,
  pin = PIN,
  text = "credit",
): Promise<RecordingSurface> {
  const credit = account(primaryUrl, secondaryUrl, pin);
  const pager = createPager({ store: memoryStore(), transport: NO_SENDING, credit });
  const surface = recordingSurface();
  const ctx: CommandContext = { actor: { platform: "shell", id: "u1", name: "alice" }, surface };
  await runText(pager, text, ctx);
  return surface;
}

describe("/sms credit", () => {
  it.each([
    [{ currency: "GBP", amount: "15.2345", shape: "inline" }, "GBP 15.23"],
    [{ currency: "UKL", amount: "15.2345", shape: "inline" }, "GBP 15.23"],
    [{ currency: "GBP", amount: "7.5", shape: "separate" }, "GBP 7.50"],
  ] as const)("answers privately with the balance csoft states as %j", async (credit, shown) => {
    const csoft = await simulator({ credit });
    const surface = await runCredit(csoft.url, csoft.url);
    expect(surface.privateReplies).toEqual([
      `csoft credit: ${shown} (answered by the primary server)`,
    ]);
    expect(surface.announcements).toEqual([]);
    expect(csoft.requests.map((request) => request.path)).toEqual([
      "/webservices/http/queryaccount",
    ]);
  });

  it("says the login was refused, and does not echo the PIN", async () => {
    const csoft = await simulator();
    const surface = await runCredit(csoft.url, csoft.url, "999999");
    expect(surface.privateReplies).toEqual([
      "Could not read the csoft credit: csoft (primary) answered the whole request with report code 2: login refused: username, PIN or source IP address",
    ]);
    expect(csoft.requests).toHaveLength(1);
    expect(surface.privateReplies.join("")).not.toContain("999999");
  });

  it("fails over to the secondary when the primary refuses connections", async () => {
    const secondary = await simulator();
    const surface = await runCredit(await refusingUrl(), secondary.url);
    expect(surface.privateReplies).toEqual([
      "csoft credit: GBP 15.23 (answered by the secondary server: the primary could not be reached)",
    ]);
  });

  it("says why when neither server can be reached", async () => {
    const surface = await runCredit(await refusingUrl(), await refusingUrl());
    expect(surface.privateReplies).toEqual([
      "Could not read the csoft credit: could not reach csoft (primary: connection refused; secondary: connection refused)",
    ]);
  });

  it("refuses words after credit, asking nothing of csoft", async () => {
    const csoft = await simulator();
    const surface = await runCredit(csoft.url, csoft.url, PIN, "credit now");
    expect(surface.privateReplies).toEqual([
      "`credit` takes nothing after it: it shows the csoft account's balance. Example: /sms credit",
    ]);
    expect(csoft.requests).toEqual([]);
  });

  it("says so when the pager has no account query", async () => {
    const pager = createPager({ store: memoryStore(), transport: NO_SENDING });
    const surface = recordingSurface();
    await runText(pager, "/sms credit", {
      actor: { platform: "shell", id: "u1", name: "a" },
      surface,
    });
    expect(surface.privateReplies).toEqual([
      "The csoft credit cannot be read here: this pager was started without an account query.",
    ]);
  });

  it("is refused, like the history, to someone who may not page", async () => {
    const csoft = await simulator();
    const allowOnly = { users: ["U0BOSS"], groups: [], channels: [], groupsName: "user groups" };
    const pager = createPager({
      store: memoryStore(),
      transport: NO_SENDING,
      credit: account(csoft.url, csoft.url),
      policy: { allowLists: { slack: allowOnly, discord: allowOnly }, maxRecipients: 1000 },
    });
    const surface = recordingSurface();
    await runText(pager, "credit", {
      actor: { platform: "slack", id: "U0OTHER", name: "o" },
      surface,
    });
    expect(surface.privateReplies).toHaveLength(1);
    expect(surface.privateReplies[0]).not.toContain("csoft credit:");
    expect(csoft.requests).toEqual([]);
  });
});
