import { createServer } from "node:http";
import { text as readBody } from "node:stream/consumers";
import { CsoftClient } from "../../src/csoft/client.js";
import {
  DEMO_ACCOUNT,
  type SimulatedAccount,
  type Simulator,
  startSimulator,
} from "../../src/csoft/simulator.js";
import type { Logger } from "../../src/log.js";

/**
 * The csoft simulator behind a loopback relay that can lose answers: the request reaches the
 * simulator (csoft got it and may have sent the SMS), then the connection to the client is
 * dropped before the answer, as when a network fails on the way back.
 */
export interface LossyCsoft {
  simulator: Simulator;
  client: CsoftClient;
  /** Whether the answer to a request is lost; by default, none is. */
  losesAnswer: (params: URLSearchParams) => boolean;
  close(): Promise<void>;
}

/** A request to any number ending in 99: its answer is lost. */
export const LOST_ENDING = "99";

export function sendsToLostNumber(params: URLSearchParams): boolean {
  return (params.get("SendTo") ?? "").split(",").some((number) => number.endsWith(LOST_ENDING));
}

/** Loses the answer of the first request to a number ending in 99 only: a resend is answered. */
export function losesFirstAnswer(): (params: URLSearchParams) => boolean {
  let lostOne = false;
  return (params) => {
    if (lostOne || !sendsToLostNumber(params)) return false;
    lostOne = true;
    return true;
  };
}

export interface LossyCsoftOptions {
  account?: SimulatedAccount;
  logger?: Logger;
  losesAnswer?: LossyCsoft["losesAnswer"];
}

export async function startLossyCsoft({
  account = DEMO_ACCOUNT,
  logger,
  losesAnswer = () => false,
}: LossyCsoftOptions = {}): Promise<LossyCsoft> {
  const simulator = await startSimulator(account);
  const relay = createServer(async (request, response) => {
    const body = await readBody(request);
    const answer = await fetch(simulator.url, {
      method: "POST",
      headers: { "content-type": request.headers["content-type"] ?? "" },
      body,
    });
    const answerBody = await answer.text();
    if (lossy.losesAnswer(new URLSearchParams(body))) {
      request.socket.destroy();
      return;
    }
    response.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "text/plain",
    });
    response.end(answerBody);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const address = relay.address();
  if (address === null || typeof address === "string") throw new Error("relay has no port");
  const url = `http://127.0.0.1:${address.port}${new URL(simulator.url).pathname}`;
  const client = new CsoftClient({
    credentials: account,
    primaryUrl: url,
    secondaryUrl: url,
    ...(logger && { logger }),
  });
  const lossy: LossyCsoft = {
    simulator,
    client,
    losesAnswer,
    async close() {
      await client.close();
      relay.closeAllConnections();
      await new Promise<void>((resolve) => relay.close(() => resolve()));
      await simulator.close();
    },
  };
  return lossy;
}
