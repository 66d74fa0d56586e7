// A confirmation question outlives the process that asked it: a Discord bot started afresh on
// the same data directory answers the click, and pages from the click itself.
import { afterEach, describe, expect, it } from "vitest";
import { CONFIRM_REPLIES } from "../../src/report/confirm.js";
import { type StoreDir, tempStoreDir } from "../support/store.js";
import type { RecordedCall, SentInteraction } from "./fake-discord.js";
import {
  type Harness,
  isPrivateFollowUp,
  isResultEdit,
  smsInteraction,
  startHarness,
} from "./harness.js";

const numbers = Array.from({ length: 12 }, (_, i) => `4477009006${String(i).padStart(2, "0")}`);
const started: Harness[] = [];
let dir: StoreDir | undefined;

afterEach(async () => {
  for (const harness of started.splice(0)) await harness.close();
  await dir?.remove();
});

async function bot(shared: StoreDir): Promise<Harness> {
  const harness = await startHarness({ pager: { store: shared.open() } });
  started.push(harness);
  return harness;
}

const callbackOf = (sent: SentInteraction) => (call: RecordedCall) =>
  call.method === "POST" && call.path === `/interactions/${sent.id}/${sent.token}/callback`;

describe("Discord: a question asked before a restart", () => {
  it("is confirmed by the restarted bot, sent once, and a second click finds it gone", async () => {
    dir = tempStoreDir("discord-questions-");
    const before = await bot(dir);
    const sent = before.discord.sendInteraction(
      smsInteraction({ to: numbers.join(","), message: "db1 is down" }),
    );
    const question = await before.discord.waitForCall(
      (call) => isPrivateFollowUp(sent)(call) && (call.body.components?.length ?? 0) > 0,
    );
    const confirm = question.body.components?.[0]?.components?.[0]?.custom_id ?? "";
    await before.running.stop();

    const after = await bot(dir);
    const first = after.discord.sendInteraction({ button: { customId: confirm } });
    // Deferred publicly within Discord's 3 s; the page then takes the place of the placeholder.
    expect((await after.discord.waitForCall(callbackOf(first))).body).toMatchObject({ type: 5 });
    await after.discord.waitForCall(isResultEdit(first));
    const second = after.discord.sendInteraction({ button: { customId: confirm } });
    expect((await after.discord.waitForCall(callbackOf(second))).body).toMatchObject({
      type: 4,
      data: { content: CONFIRM_REPLIES.stale, flags: 64 },
    });
    await after.running.stop();
    expect(before.simulator.requests).toEqual([]);
    expect(after.simulator.requests).toHaveLength(1);
  });
});
