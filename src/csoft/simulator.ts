import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import { text as readBody } from "node:stream/consumers";
import { ChatopsError } from "../errors.js";
import {
  answerQueryAccount,
  QUERY_ACCOUNT_PATH,
  type SimulatedCredit,
} from "./simulated-account.js";
import { answerSendSms, DEMO_ACCOUNT, FIRST_MESSAGE_ID } from "./simulated-csoft.js";
import {
  type AcceptedMessage,
  type PostedReceipt,
  ReceiptPoster,
  type ReceiptTarget,
} from "./simulated-receipts.js";

export { DEMO_ACCOUNT, SIMULATED_OUTCOMES, type SimulatedAccount } from "./simulated-csoft.js";
export {
  type PostedReceipt,
  type ReceiptTarget,
  SIMULATED_RECEIPTS,
} from "./simulated-receipts.js";

const SIMULATOR_PATH = "/webservices/http/sendsms";

export interface SimulatorOptions {
  username?: string;
  pin?: string;
  /** Delay before each answer, to make requests overlap. */
  latencyMs?: number;
  /** The `trickle` fault's pause between two bytes of the body. Default 250 ms. */
  trickleIntervalMs?: number;
  port?: number;
  /** The balance the account query answers (the demo's by default). */
  credit?: SimulatedCredit;
  /** Post a delivery receipt for every message accepted to this URL, after a delay. */
  receipts?: ReceiptTarget;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw form body. */
  body: string;
  params: URLSearchParams;
}

/**
 * - refuse: stop listening, so new connections are refused (existing ones are closed)
 * - status500, status503, status504: answer that status with a plain-text page, as a server or a
 *   gateway in front of csoft would (503: not taking requests; 500 and 504: may have acted on it)
 * - malformed: answer 200 with an HTML page
 * - hang: read the request and never answer; drop: read the request and destroy the socket;
 *   reset: read the request and reset the connection (TCP RST)
 * - trickle: send the 200 headers at once, then the real answer one byte per `trickleIntervalMs`
 */
export type SimulatorFault =
  | "none"
  | "refuse"
  | "status500"
  | "status503"
  | "status504"
  | "malformed"
  | "hang"
  | "drop"
  | "reset"
  | "trickle";

const FAULT_STATUS: Partial<Record<SimulatorFault, [number, string]>> = {
  status500: [500, "Internal Server Error"],
  status503: [503, "Service Unavailable"],
  status504: [504, "Gateway Timeout"],
};

export interface Simulator {
  /** The full sendsms URL. */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far: fewer than requests means connections were reused. */
  readonly connections: number;
  /** The most requests that were being handled at the same moment. */
  readonly maxInFlight: number;
  /** Delivery receipts posted so far (none without `receipts`), in the order they finished. */
  readonly receipts: readonly PostedReceipt[];
  setFault(fault: SimulatorFault): Promise<void>;
  close(): Promise<void>;
}

const MALFORMED_PAGE =
  "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

function answer(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  response.end(body);
}

/** Headers at once, then the body byte by byte: every byte restarts an idle timer. */
function trickle(response: ServerResponse, body: string, intervalMs: number): void {
  const bytes = Buffer.from(body);
  response.writeHead(200, { "content-type": "text/html", "content-length": bytes.length });
  response.flushHeaders();
  let sent = 0;
  const timer = setInterval(() => {
    response.write(bytes.subarray(sent, sent + 1));
    sent += 1;
    if (sent === bytes.length) response.end();
  }, intervalMs);
  response.on("close", () => clearInterval(timer));
}

/** What the simulator's handler reads and updates: the fault, the record, the counters. */
interface SimulatorState {
  readonly account: { username: string; pin: string };
  readonly options: SimulatorOptions;
  readonly requests: RecordedRequest[];
  fault: SimulatorFault;
  inFlight: number;
  maxInFlight: number;
  nextId(): string;
  /** Told of each message accepted, when the simulator posts receipts. */
  accepted?: (messages: AcceptedMessage[]) => void;
}

/** Records the request, then answers it as csoft would, or as the fault set says. */
async function handle(
  state: SimulatorState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const body = await readBody(request);
  const path = new URL(request.url ?? "/", "http://simulator").pathname;
  state.requests.push({
    method: request.method ?? "",
    path,
    headers: request.headers,
    body,
    params: new URLSearchParams(body),
  });
  state.inFlight += 1;
  state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
  response.on("close", () => {
    state.inFlight -= 1;
  });

  const { fault, options } = state;
  if (fault === "hang") return;
  if (fault === "drop") {
    request.socket.destroy();
    return;
  }
  if (fault === "reset") {
    request.socket.resetAndDestroy();
    return;
  }
  const latencyMs = options.latencyMs ?? 0;
  if (latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, latencyMs));
  const status = FAULT_STATUS[fault];
  if (status) return answer(response, status[0], "text/plain", status[1]);
  if (fault === "malformed") return answer(response, 200, "text/html", MALFORMED_PAGE);
  if (path === QUERY_ACCOUNT_PATH && request.method === "POST") {
    const reply = answerQueryAccount(body, state.account, options.credit);
    return answer(response, 200, "text/html", reply);
  }
  if (path !== SIMULATOR_PATH) return answer(response, 404, "text/plain", "Not Found");
  if (request.method !== "POST") return answer(response, 405, "text/plain", "Use POST");
  const reply = answerSendSms(body, state.account, state.nextId, state.accepted);
  if (fault === "trickle") return trickle(response, reply, options.trickleIntervalMs ?? 250);
  answer(response, 200, "text/html", reply);
}

/** A csoft-compatible sendsms endpoint on 127.0.0.1: the demo mode's csoft, and the tests'. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  let messageCounter = FIRST_MESSAGE_ID;
  const receipts = options.receipts && new ReceiptPoster(options.receipts);
  const state: SimulatorState = {
    account: {
      username: options.username ?? DEMO_ACCOUNT.username,
      pin: options.pin ?? DEMO_ACCOUNT.pin,
    },
    options,
    requests: [],
    fault: "none",
    inFlight: 0,
    maxInFlight: 0,
    nextId: () => (messageCounter++).toString(16).toUpperCase().padStart(8, "0"),
    ...(receipts && { accepted: (messages: AcceptedMessage[]) => receipts.schedule(messages) }),
  };
  let connections = 0;

  const server = createServer((request, response) => {
    handle(state, request, response).catch(() => response.destroy());
  });
  server.on("connection", () => {
    connections += 1;
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve, reject) => {
      if (!server.listening) return resolve();
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });

  await listen(options.port ?? 0);
  const address = server.address();
  if (address === null || typeof address === "string") {
    throw new ChatopsError("INTERNAL", "simulator has no port");
  }
  const port = address.port;

  return {
    url: `http://127.0.0.1:${port}${SIMULATOR_PATH}`,
    requests: state.requests,
    get connections() {
      return connections;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    receipts: receipts?.posted ?? [],
    async setFault(next) {
      state.fault = next;
      if (next === "refuse") {
        await stopListening();
        // Let clients in this process read the close of their kept-alive connections, as any
        // client would have long before it noticed a real outage.
        await new Promise((resolve) => setImmediate(resolve));
      } else if (!server.listening) {
        await listen(port);
      }
    },
    async close() {
      await stopListening();
      await receipts?.close();
    },
  };
}
