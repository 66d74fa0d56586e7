// The Acknowledge button in Discord, end to end: the real discord.js Client against a fake
// Discord pages db-oncall (carol after 10 s) on a manual clock; a click acknowledges for
// everyone, the thread says who, how and when, and the clicked message shows it.
import { afterEach, describe, expect, it } from "vitest";
import { contactIdFields } from "../../app/adapters.js";
import { parseDirectory } from "../../src/contacts/load.js";
import { createThreadPoster } from "../../src/delivery/index.js";
import { manualClock, until } from "../support/manual-timer.js";
import { memoryStore } from "../support/store.js";
import { USER } from "./fake-discord.js";
import { type Harness, smsInteraction, startHarness } from "./harness.js";

const DIRECTORY = parseDirectory(
  `people:
  alice: { phone: "447700900001", discord: "${USER.id}" }
  bob: { phone: "447700900002" }
  carol: { phone: "447700900033" }
groups:
  db-oncall:
    members: [alice, bob]
    escalate:
      - { after: 10s, to: [carol] }
`,
  "contacts.yaml",
  contactIdFields(),
);

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const mentions = (text: string) => (call: { body: unknown }) =>
  JSON.stringify(call.body).includes(text);

describe("Discord: the Acknowledge button on a page's parent message", () => {
  it("acknowledges once, cancels the step, and says who in the thread and on the message", async () => {
    const store = memoryStore();
    const clock = manualClock();
    const threads = createThreadPoster(store);
    h = await startHarness({
      directory: DIRECTORY,
      pager: {
        store,
        clock,
        threadNote: threads.note,
        showAcknowledged: threads.showAcknowledged,
      },
    });
    threads.attach("discord", h.running.deliveryEditor);
    const { discord } = h;
    discord.sendInteraction(smsInteraction({ to: "db-oncall", message: "disk full" }));
    await discord.waitForCall(mentions('"custom_id":"sms-ack:1"'));
    await until(async () => (await store.chatMessages(1)) !== undefined);
    clock.jump(120_000);
    const click = discord.sendInteraction({ button: { customId: "sms-ack:1" } });
    const shown = await discord.waitForCall(
      (call) =>
        call.method === "PATCH" &&
        call.path.includes(click.token) &&
        mentions("✅ Acknowledged by alice with the Acknowledge button at 03:02 UTC")(call),
    );
    expect(JSON.stringify(shown.body)).toContain('"disabled":true');
    await discord.waitForCall(
      mentions(
        "✅ alice acknowledged with the Acknowledge button at 03:02 UTC, 2 min after the page. 1 escalation step cancelled.",
      ),
    );
    const again = discord.sendInteraction({ button: { customId: "sms-ack:1" } });
    await discord.waitForCall(
      (call) =>
        call.path.includes(again.token) &&
        mentions("Page #1 was acknowledged already, by alice")(call),
    );
    clock.advance(60_000);
    await h.running.stop();
    expect(h.simulator.requests).toHaveLength(1);
  });

  it("shows an acknowledgement by SMS on the parent message, in place of the button", async () => {
    const store = memoryStore();
    const clock = manualClock();
    const threads = createThreadPoster(store);
    h = await startHarness({
      directory: DIRECTORY,
      pager: { store, clock, threadNote: threads.note, showAcknowledged: threads.showAcknowledged },
    });
    threads.attach("discord", h.running.deliveryEditor);
    const sent = h.discord.sendInteraction(
      smsInteraction({ to: "db-oncall", message: "disk full" }),
    );
    await until(async () => (await store.chatMessages(1)) !== undefined);
    clock.jump(60_000);
    const message = { sender: "447700900001", twoWayNumber: "447700900999", message: "ack" };
    const { id } = await store.recordReply(message, clock.now());
    await h.pager.receiveReply({ ...message, id, receivedAt: clock.now() });
    const edit = await h.discord.waitForCall(
      (call) =>
        call.method === "PATCH" &&
        call.path.endsWith(`/messages/${sent.originalId}`) &&
        mentions("✅ Acknowledged by alice by SMS at 03:01 UTC")(call),
    );
    expect(edit.path.startsWith("/channels/")).toBe(true);
  });
});
