// A Slack bot paging db-oncall (alice, bob; carol after 10 s) through the simulator, on a
// manual clock, with replies stored and acted on as POST /csoft/inbound does.
import { afterEach, expect } from "vitest";
import { parseDirectory } from "../../src/contacts/load.js";
import { createThreadPoster } from "../../src/delivery/index.js";
import type { Store } from "../../src/store/index.js";
import { type ManualClock, manualClock } from "../support/manual-timer.js";
import { memoryStore } from "../support/store.js";
import { type Harness, postCommand, startHarness } from "./harness.js";

export const ALICE = "447700900001";
export const CAROL = "447700900033";
const DIRECTORY = parseDirectory(
  `people:
  alice: { phone: "${ALICE}" }
  bob: { phone: "447700900002" }
  carol: { phone: "${CAROL}" }
groups:
  db-oncall:
    members: [alice, bob]
    escalate:
      - { after: 10s, to: [carol] }
`,
  "contacts.yaml",
);

export const threadTexts = (h: Harness, ts: string) =>
  h.slack
    .callsOf("chat.postMessage")
    .filter((c) => c.params.thread_ts === ts)
    .map((c) => String(c.params.text));

let closeAll: (() => Promise<void>) | undefined;

afterEach(async () => {
  await closeAll?.();
  closeAll = undefined;
});

export interface Started {
  h: Harness;
  store: Store;
  clock: ManualClock;
}

/** `inboundChannel`: SMS_INBOUND_CHANNEL, where replies that match no page go. */
export async function startThreads(inboundChannel?: string): Promise<Started> {
  const store = memoryStore();
  const clock = manualClock();
  const threads = createThreadPoster(store);
  const h = await startHarness("http", {
    directory: DIRECTORY,
    pager: {
      store,
      clock,
      threadNote: threads.note,
      showAcknowledged: threads.showAcknowledged,
      replyTo: "447700900999",
      ...(inboundChannel !== undefined && {
        inboundNote: (text: string) => threads.noteChannel(inboundChannel, text),
      }),
    },
  });
  threads.attach("slack", h.bot.deliveryEditor);
  await h.pager.startEscalations();
  closeAll = async () => {
    await h.pager.shutdown(0);
    await h.close();
  };
  return { h, store, clock };
}

/** Pages db-oncall from Slack; resolves once its messages are stored, with the parent's ts. */
export async function pageDbOncall({ h, store }: Started, pageId = 1): Promise<string> {
  const command = h.slashCommand("db-oncall disk full", `p${pageId}`);
  expect((await postCommand(h, command)).status).toBe(200);
  for (let i = 0; (await store.chatMessages(pageId)) === undefined && i < 300; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const parent = (await store.chatMessages(pageId))?.parent as { ts: string };
  return parent.ts;
}

/** Stores a reply from `sender` and acts on it, as POST /csoft/inbound does. */
export async function reply({ h, store, clock }: Started, sender: string, message: string) {
  const at = clock.now();
  const { id } = await store.recordReply({ sender, twoWayNumber: "447700900999", message }, at);
  return h.pager.receiveReply({
    sender,
    twoWayNumber: "447700900999",
    message,
    id,
    receivedAt: at,
  });
}
