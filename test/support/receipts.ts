// Posting csoft's delivery receipts to the bot over loopback HTTP, as csoft does.
import { Agent, request } from "undici";
import { callbackRoutes } from "../../src/callbacks/index.js";
import type { Clock } from "../../src/clock.js";
import type { Deliveries } from "../../src/delivery/service.js";
import type { DeliveryEditor, DeliveryView } from "../../src/delivery/types.js";
import { type HealthServer, startHealthServer } from "../../src/health/index.js";
import { type Logger, silentLogger } from "../../src/log.js";
import type { ChatMessages } from "../../src/store/types.js";

export const CALLBACK = { username: "hooks", pin: "rcpt-Pin-9x4417" } as const;

export interface CallbackServer {
  readonly url: string;
  close(): Promise<void>;
}

/** The callback routes on a server of their own on 127.0.0.1, as main serves them beside /healthz. */
export async function startCallbackServer(
  deliveries: Deliveries,
  options: { credentials?: typeof CALLBACK | undefined; logger?: Logger; clock?: Clock } = {},
): Promise<CallbackServer> {
  const credentials = "credentials" in options ? options.credentials : CALLBACK;
  const routes = callbackRoutes({
    credentials,
    deliveries,
    logger: options.logger ?? silentLogger(),
    ...(options.clock && { clock: options.clock }),
  });
  const server: HealthServer = await startHealthServer({ port: 0, host: "127.0.0.1", routes });
  return { url: `http://127.0.0.1:${server.port}/csoft/receipts`, close: () => server.close() };
}

/** A receipt's form body, fields in the order given. */
export function receiptBody(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
    .join("&");
}

export function receiptFields(
  messageId: string,
  sendTo: string,
  report: number,
  over: Record<string, string> = {},
): Record<string, string> {
  return {
    Username: CALLBACK.username,
    PIN: CALLBACK.pin,
    SendTo: sendTo,
    MessageIdentifier: messageId,
    Report: String(report),
    Text: report === 0 ? "Delivered" : report < 0 ? "Queued" : "Failed",
    Timestamp1: "2026-11-25T03:00:09Z",
    ...over,
  };
}

const agent = new Agent({ connections: 64 });

/** POSTs a body as csoft does; resolves with the status and the answer's text. */
export async function postReceipt(
  url: string,
  body: string,
  contentType = "application/x-www-form-urlencoded",
): Promise<{ status: number; text: string }> {
  const answer = await request(url, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
    dispatcher: agent,
  });
  return { status: answer.statusCode, text: await answer.body.text() };
}

/** A note posted in a page's thread, and whom it mentions. */
export interface RecordedNote {
  where: unknown;
  text: string;
  mention: string | undefined;
}

/** How many numbers a not-delivered note names: "3 numbers were NOT DELIVERED for page #7: …". */
export function notedCount(note: RecordedNote): number {
  return Number(/^(\d+) numbers? w/.exec(note.text)?.[1] ?? 0);
}

/** A chat that remembers each edit and note it was asked for; `hold` keeps them waiting. */
export interface RecordingEditor extends DeliveryEditor {
  views: DeliveryView[];
  notices: RecordedNote[];
  messages: ChatMessages[];
  /** Notes posted in a thread reopened from where it was stored once announced. */
  threadNotes: { where: unknown; text: string }[];
  /** While set, every call waits on it: a slow chat. */
  hold: Promise<void> | undefined;
}

export function recordingEditor(): RecordingEditor {
  const editor: RecordingEditor = {
    views: [],
    notices: [],
    messages: [],
    threadNotes: [],
    hold: undefined,
    async showDeliveries(messages, view) {
      await editor.hold;
      editor.messages.push(messages);
      editor.views.push(view);
    },
    threadAt: (where) => ({
      async note(text, mention) {
        await editor.hold;
        editor.notices.push({ where, text, mention });
        editor.threadNotes.push({ where, text });
      },
    }),
  };
  return editor;
}
