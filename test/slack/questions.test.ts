// A confirmation question outlives the process that asked it: a Slack bot started afresh on the
// same data directory answers the click, and pages from where the button was clicked.
import { afterEach, describe, expect, it } from "vitest";
import { CONFIRM_REPLIES } from "../../src/report/confirm.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";
import {
  CALLER,
  CHANNEL,
  click,
  type Harness,
  postToBot,
  questionId,
  startHarness,
} from "./harness.js";

const numbers = Array.from({ length: 12 }, (_, i) => `4477009005${String(i).padStart(2, "0")}`);
const started: Harness[] = [];
let dir: StoreDir | undefined;

afterEach(async () => {
  for (const harness of started.splice(0)) await harness.close();
  await dir?.remove();
});

async function bot(shared: StoreDir): Promise<Harness> {
  const harness = await startHarness("http", { pager: { store: shared.open() } });
  started.push(harness);
  return harness;
}

describe("Slack: a question asked before a restart", () => {
  it("is confirmed by the restarted bot, sent once, and a second click finds it gone", async () => {
    dir = tempStoreDir("slack-questions-");
    const before = await bot(dir);
    await postToBot(before, before.slashCommand(`${numbers.join(",")} db1 is down`, "cmd"));
    const id = await questionId(before);
    await before.finish();

    const after = await bot(dir);
    expect(await click(after, "sms_confirm", id)).toBe(200);
    expect(await click(after, "sms_confirm", id)).toBe(200);
    await after.finish();
    expect(before.simulator.requests).toEqual([]);
    expect(after.simulator.requests).toHaveLength(1);
    const posted = after.slack.callsOf("chat.postMessage");
    expect(posted[0]?.params.channel).toBe(CHANNEL);
    const answers = after.slack.responses.filter((r) => r.id === `click-${CALLER}-sms_confirm`);
    expect(answers.map((r) => r.body)).toEqual([
      { replace_original: true, text: CONFIRM_REPLIES.confirmed },
      { response_type: "ephemeral", replace_original: false, text: CONFIRM_REPLIES.stale },
    ]);
  });
});
