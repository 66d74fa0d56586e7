// The Slack adapter over HTTP, end to end: signed requests into the real Bolt App, a fake Slack
// Web API, the real pager and CsoftClient, and the csoft simulator.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SLACK_LIMITS } from "../../adapters/slack/limits.js";
import { createDirectory } from "../../src/contacts/directory.js";
import { blockTexts } from "./blocks.js";
import {
  CALLER,
  CHANNEL,
  click,
  everythingPosted,
  type Harness,
  postCommand,
  questionId,
  SECRETS,
  sign,
  startHarness,
} from "./harness.js";

let harness: Harness;

beforeEach(async () => {
  harness = await startHarness("http");
});

afterEach(async () => {
  await harness.close();
});

const posts = () => harness.slack.callsOf("chat.postMessage");
const privateAnswers = () => harness.slack.responses.map((response) => response.body);
const sendTo = () => harness.simulator.requests.map((request) => request.params.get("SendTo"));

/** Sends `/sms <text>` signed, and waits until the bot has done all it will do. */
async function run(text: string) {
  const answer = await postCommand(harness, harness.slashCommand(text, "cmd"));
  await harness.finish();
  return answer;
}

function expectNothingSent() {
  expect(posts()).toEqual([]);
  expect(harness.simulator.requests).toEqual([]);
}

describe("Slack over HTTP: a page", () => {
  it("acks at once, then posts the parent in the channel and the results in its thread", async () => {
    const { status, body, elapsedMs } = await run("447700900123,447700900115 db1 is down --flash");
    console.info(`Slack /sms over HTTP acknowledged in ${elapsedMs.toFixed(1)} ms`);
    expect(status).toBe(200);
    expect(body).toBe("");
    expect(elapsedMs).toBeLessThan(3000);

    const [parent, thread, ...more] = posts();
    expect(more).toEqual([]);
    expect(parent?.params).toMatchObject({ channel: CHANNEL, unfurl_links: "false" });
    expect(parent?.params.thread_ts).toBeUndefined();
    const [who, message, details] = blockTexts(parent?.params.blocks as unknown[]);
    expect(who).toBe(
      `:mega: <@${CALLER}> paged *2 recipients*: \`447700900123\`, \`447700900115\``,
    );
    expect(message).toBe("db1 is down");
    expect(details).toMatch(/^flash · GSM 7-bit, 11 characters, 1 SMS part/);
    expect(parent?.params.text).toContain("db1 is down");

    expect(thread?.params).toMatchObject({ channel: CHANNEL, thread_ts: parent?.answer.ts });
    const [headline, summary, ...sections] = blockTexts(thread?.params.blocks as unknown[]);
    expect(headline).toBe(":rotating_light: 1 FAILED of 2");
    expect(summary).toMatch(/^2 sent: 1 failed, 1 accepted · primary · 1 request · \d+\.\d\d s$/);
    const results = sections.join("\n");
    expect(results.indexOf("447700900115")).toBeLessThan(results.indexOf("447700900123"));
    expect(results).toMatch(
      /:x: \*FAILED\* `447700900115` · code 15 · out of credit · id `[0-9A-F]{8}` · primary/,
    );
    expect(results).toMatch(
      /`447700900123` · code -2 · accepted by csoft and queued · id `[0-9A-F]{8}` · primary/,
    );
    expect(thread?.params.text).toMatch(/^2 sent: 1 failed, 1 accepted/);

    expect(sendTo()).toEqual(["447700900123,447700900115"]);
    expect(harness.simulator.requests[0]?.params.get("FlashMessage")).toBe("db1 is down");
    expect(privateAnswers()).toEqual([]);
  });

  it("answers Slack before a slow csoft has answered", async () => {
    await harness.close();
    harness = await startHarness("http", { csoftLatencyMs: 1500 });
    const { status, elapsedMs } = await postCommand(
      harness,
      harness.slashCommand("447700900123 hi", "slow"),
    );
    expect(status).toBe(200);
    expect(elapsedMs).toBeLessThan(1000);
    expect(posts().filter((call) => call.params.thread_ts !== undefined)).toEqual([]);
    await harness.finish();
    expect(posts().filter((call) => call.params.thread_ts !== undefined)).toHaveLength(1);
  });

  it("splits 700 results over thread messages within Slack's limits, every number present", async () => {
    const numbers = Array.from({ length: 700 }, (_, i) => `4477009${String(i).padStart(5, "0")}`);
    // More than 10 numbers asks first; the caller confirms with the button.
    const { status } = await postCommand(
      harness,
      harness.slashCommand(`${numbers.join(",")} test page`, "cmd"),
    );
    expect(status).toBe(200);
    expect(await click(harness, "sms_confirm", await questionId(harness))).toBe(200);
    await harness.finish();

    const [parent, ...thread] = posts();
    expect(blockTexts(parent?.params.blocks as unknown[])[0]).toMatch(
      /paged \*700 recipients\*: .* and 690 more$/,
    );
    expect(thread.length).toBeGreaterThanOrEqual(7);
    const shown: string[] = [];
    for (const message of thread) {
      expect(message.params.thread_ts).toBe(parent?.answer.ts);
      expect(String(message.params.text).length).toBeGreaterThan(0);
      const blocks = message.params.blocks as unknown[];
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      for (const text of blockTexts(blocks)) {
        expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        shown.push(...(text.match(/4477009\d{5}/g) ?? []));
      }
    }
    expect(shown).toHaveLength(700);
    expect(new Set(shown)).toEqual(new Set(numbers));
    // The simulator fails numbers ending in 03, 08 and 15: they open the thread, in typed order.
    const failing = numbers.filter((number) => /(03|08|15)$/.test(number));
    expect(shown.slice(0, failing.length)).toEqual(failing);
    const [headline] = blockTexts(thread[0]?.params.blocks as unknown[]);
    expect(headline).toBe(`:rotating_light: ${failing.length} FAILED of 700`);
    expect(harness.simulator.requests).toHaveLength(2);
  });
});

describe("Slack over HTTP: request verification", () => {
  it("refuses a forged signature with 401 and sends nothing", async () => {
    const fields = harness.slashCommand("447700900123 forged", "forged");
    const timestamp = Math.floor(Date.now() / 1000);
    const forged = sign(new URLSearchParams(fields).toString(), timestamp, "not-the-secret");
    const { status } = await postCommand(harness, fields, { timestamp, signature: forged });
    await harness.finish();
    expect(status).toBe(401);
    expectNothingSent();
    expect(privateAnswers()).toEqual([]);
  });

  it("refuses a correctly signed request older than five minutes", async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const { status } = await postCommand(
      harness,
      harness.slashCommand("447700900123 replay", "old"),
      {
        timestamp: stale,
      },
    );
    await harness.finish();
    expect(status).toBe(401);
    expectNothingSent();
  });
});

describe("Slack over HTTP: private answers", () => {
  it("shows help only to the caller", async () => {
    await run("help");
    expectNothingSent();
    const [help, ...more] = privateAnswers();
    expect(more).toEqual([]);
    expect(help?.response_type).toBe("ephemeral");
    expect(help?.text).toMatch(/^```\/sms &lt;recipients&gt; &lt;message…&gt; \[options\]/);
    expect(help?.text).toContain("`/sms @alice,@oncall db1 is down`");
  });

  it.each([
    [
      "a national number",
      "07700900123 db1 is down",
      /`07700900123` is not an international number/,
    ],
    ["no message", "447700900123", /message/i],
    ["an unknown option", "447700900123 hi --loud", /--loud/],
  ])(
    "tells the caller privately about %s, with an example, and sends nothing",
    async (_, text, problem) => {
      await run(text);
      expectNothingSent();
      const [answer, ...more] = privateAnswers();
      expect(more).toEqual([]);
      expect(answer?.response_type).toBe("ephemeral");
      expect(answer?.text).toMatch(problem);
      expect(answer?.text).toContain("Example: /sms");
    },
  );

  it.each([
    ["not_in_channel", /not a member of this channel.*\/invite/],
    ["channel_not_found", /cannot see this conversation.*\/invite/],
  ])("explains %s privately and sends no SMS", async (error, explanation) => {
    harness.slack.refuseChannel(CHANNEL, error);
    await run("447700900123 db1 is down");
    expect(harness.simulator.requests).toEqual([]);
    expect(posts().map((call) => call.answer.error)).toEqual([error]);
    const [answer, ...more] = privateAnswers();
    expect(more).toEqual([]);
    expect(answer?.response_type).toBe("ephemeral");
    expect(answer?.text).toMatch(explanation);
    expect(answer?.text).toMatch(/Nothing was sent\.$/);
  });
});

describe("Slack over HTTP: when the thread cannot be written", () => {
  it("still tells the caller privately how the sent page went", async () => {
    harness.slack.refuseThreads("msg_too_long");
    await run("447700900123,447700900115 db1 is down");
    expect(sendTo()).toEqual(["447700900123,447700900115"]);
    const [answer, ...more] = privateAnswers();
    expect(more).toEqual([]);
    expect(answer?.response_type).toBe("ephemeral");
    expect(answer?.text).toMatch(
      /^The SMS was sent, but Slack refused the results in the thread \(`msg_too_long`\)/,
    );
    expect(answer?.text).toContain("2 sent: 1 failed, 1 accepted");
    expect(answer?.text).toMatch(/FAILED +447700900115 +code 15 +out of credit/);
  });
});

describe("Slack over HTTP: people and user groups", () => {
  it("pages the phones in the mentioned people's profiles", async () => {
    harness.slack.setPhone("UALICE", "+44 7700 900001");
    harness.slack.setPhone("UBOB", "0044 (7700) 900-002");
    await run("<@UALICE|alice> <@UBOB|bob>, 447700900123 db &lt;1&gt; &amp; <@UALICE|alice> down");

    expect(
      harness.slack
        .callsOf("users.profile.get")
        .map((call) => call.params.user)
        .sort(),
    ).toEqual(["UALICE", "UBOB"]);
    expect(sendTo()).toEqual(["447700900001,447700900002,447700900123"]);
    expect(harness.simulator.requests[0]?.params.get("Message")).toBe("db <1> & @alice down");
    const [parent, thread] = posts();
    expect(blockTexts(parent?.params.blocks as unknown[])[0]).toBe(
      `:mega: <@${CALLER}> paged *3 recipients*: <@UALICE> \`447700900001\`, <@UBOB> \`447700900002\`, \`447700900123\``,
    );
    expect(blockTexts(thread?.params.blocks as unknown[]).join("\n")).toContain(
      ":white_check_mark: <@UALICE> `447700900001` · code -2",
    );
  });

  it("expands a user group through usergroups.users.list, paging each member once", async () => {
    harness.slack.setGroup("SONCALL", ["UALICE", "UCAROL"]);
    harness.slack.setPhone("UALICE", "+447700900001");
    harness.slack.setPhone("UCAROL", "+447700900003");
    await run("<!subteam^SONCALL|@oncall> <@UALICE|alice> fail over db1");

    expect(
      harness.slack.callsOf("usergroups.users.list").map((call) => call.params.usergroup),
    ).toEqual(["SONCALL"]);
    expect(sendTo()).toEqual(["447700900001,447700900003"]);
    expect(harness.simulator.requests[0]?.params.get("Message")).toBe("fail over db1");
  });

  it("names everyone without a usable phone, and sends nothing", async () => {
    harness.slack.setPhone("UALICE", "+447700900001");
    harness.slack.setPhone("UDAVE", "");
    harness.slack.setPhone("UERIN", "07700 900005");
    await run("<@UALICE|alice>,<@UDAVE|dave>,<@UERIN|erin> db1 is down");

    expectNothingSent();
    const [answer, ...more] = privateAnswers();
    expect(more).toEqual([]);
    expect(answer?.response_type).toBe("ephemeral");
    expect(answer?.text).toContain("<@UDAVE> has no phone number in their Slack profile.");
    expect(answer?.text).toContain(
      "<@UERIN>'s Slack profile phone `07700 900005` is not an international number",
    );
    expect(answer?.text).not.toContain("UALICE");
    expect(answer?.text).toMatch(/Nothing was sent\.$/);
  });

  it("prefers the contacts directory's number for a person it lists by Slack ID", async () => {
    await harness.close();
    const directory = createDirectory(
      [{ name: "alice", phone: "447700900009", ids: { slack: "UALICE" } }],
      new Map(),
    );
    harness = await startHarness("http", { contacts: () => directory });
    harness.slack.setPhone("UALICE", "+447700900001");
    harness.slack.setPhone("UBOB", "+447700900002");
    await run("<@UALICE|alice> <@UBOB|bob> db1 is down");
    expect(harness.slack.callsOf("users.profile.get").map((call) => call.params.user)).toEqual([
      "UBOB",
    ]);
    expect(sendTo()).toEqual(["447700900009,447700900002"]);
  });

  it("names directory people in the parent and beside their numbers in the thread", async () => {
    await harness.close();
    const directory = createDirectory(
      [
        { name: "alice", phone: "447700900001", ids: {} },
        { name: "bob", phone: "447700900002", ids: {} },
      ],
      new Map(),
    );
    harness = await startHarness("http", { directory });
    await run("alice,bob db1 is down");
    expect(sendTo()).toEqual(["447700900001,447700900002"]);
    const posts = harness.slack
      .callsOf("chat.postMessage")
      .map((call) => JSON.stringify(call.params));
    expect(posts[0]).toMatch(/alice.*bob/);
    const thread = posts.slice(1).join("");
    expect(thread).toContain("*alice* `447700900001`");
    expect(thread).toContain("*bob* `447700900002`");
  });

  it("shows who mentioned people are with /sms who, sending nothing", async () => {
    harness.slack.setPhone("UALICE", "+44 7700 900001");
    await run("who <@UALICE|alice>,447700900123");
    expectNothingSent();
    expect(privateAnswers()).toEqual([
      {
        response_type: "ephemeral",
        text: "Dry run: nothing was sent. This would page 2 numbers:\n  4477009000**\n  4477009001**",
      },
    ]);
  });

  it("says which lookup Slack refused", async () => {
    await run("<!subteam^SGONE|@gone> hello");
    expectNothingSent();
    expect(privateAnswers()[0]?.text).toMatch(
      /Could not read the members of <!subteam\^SGONE>: Slack answered `no_such_subteam`/,
    );
  });

  it("refuses a channel as a recipient", async () => {
    await run("<#C0OPS|ops> hello");
    expectNothingSent();
    expect(privateAnswers()[0]?.text).toMatch(/^`ops` is not a person/);
  });
});

describe("Slack over HTTP: secrets", () => {
  it("never puts the PIN, a token or the signing secret in a message or a log line", async () => {
    harness.slack.setPhone("UALICE", "+447700900001");
    harness.slack.refuseChannel("C0CLOSED", "not_in_channel");
    const commands = [
      harness.slashCommand("<@UALICE|alice>,447700900115 db1 is down", "page"),
      harness.slashCommand("447700900123 hello", "refused", { channel_id: "C0CLOSED" }),
      harness.slashCommand("help", "help"),
      harness.slashCommand("<@UNOBODY|nobody> hello", "unknown"),
    ];
    for (const fields of commands) expect((await postCommand(harness, fields)).status).toBe(200);
    await harness.finish();

    // The secrets did travel where they belong (PIN to csoft, token to Slack)...
    expect(harness.simulator.requests.map((request) => request.params.get("PIN"))).toEqual([
      SECRETS.pin,
    ]);
    expect(harness.slack.calls.every((call) => call.token === SECRETS.botToken)).toBe(true);
    expect(posts().length).toBeGreaterThanOrEqual(3);
    expect(harness.slack.responses).toHaveLength(3);
    expect(harness.logLines.length).toBeGreaterThan(0);
    // ...and nowhere else.
    const said = everythingPosted(harness) + harness.logLines.join("\n");
    for (const secret of Object.values(SECRETS)) expect(said).not.toContain(secret);
  });
});
