// The "Resend to the N unknown numbers" button in Discord, end to end: the real discord.js Client
// against a fake Discord, and csoft losing the answer to the first request.
import { afterEach, describe, expect, it } from "vitest";
import { losesFirstAnswer } from "../support/lossy-csoft.js";
import { until } from "../support/manual-timer.js";
import type { RecordedCall, SentInteraction } from "./fake-discord.js";
import { type Harness, isPrivateFollowUp, smsInteraction, startHarness } from "./harness.js";

let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const privateAnswer = (h: Harness, sent: SentInteraction) =>
  h.discord.waitForCall(isPrivateFollowUp(sent)).then((call: RecordedCall) => call.body.content);

describe("Discord: resending to the numbers whose answer was lost", () => {
  it("offers the requester a private button; one click resends the unknown numbers once", async () => {
    const h = await startHarness({ losesAnswer: losesFirstAnswer() });
    harness = h;
    const sent = h.discord.sendInteraction(
      smsInteraction({ to: "447700900199,447700900123", message: "db1 is down" }),
    );
    const offer = await h.discord.waitForCall(
      (call) => isPrivateFollowUp(sent)(call) && (call.body.components?.length ?? 0) > 0,
    );
    expect(offer.body.content).toMatch(/may receive it twice/);
    const button = offer.body.components?.[0]?.components?.[0];
    expect(button?.label).toBe("Resend to the 2 unknown numbers");
    const customId = button?.custom_id ?? "";
    expect(h.simulator.requests).toHaveLength(1);

    const stranger = h.discord.sendInteraction({
      button: { customId },
      user: { id: "100000000000000099", username: "mallory" },
    });
    expect(await privateAnswer(h, stranger)).toBe(
      "Only the person who sent page #1 can resend it. Nothing was sent.",
    );
    expect(h.simulator.requests).toHaveLength(1);

    h.discord.sendInteraction({ button: { customId } });
    await until(() => h.simulator.requests.length === 2);
    const again = h.discord.sendInteraction({ button: { customId } });
    expect(await privateAnswer(h, again)).toBe(
      "Page #1 was already resent to its unknown numbers: nothing more was sent. See /sms history.",
    );
    await h.running.stop();

    expect(h.simulator.requests).toHaveLength(2);
    expect(h.simulator.requests[1]?.params.get("SendTo")).toBe("447700900199,447700900123");
  });
});
