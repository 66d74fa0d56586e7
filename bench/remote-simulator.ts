import { once } from "node:events";
import { Worker } from "node:worker_threads";
import type { SimulatorOptions } from "../src/csoft/simulator.js";
import type { ThreadReply, ThreadRequest } from "./simulator-thread.js";

export interface SimulatorStats {
  requests: number;
  connections: number;
  maxInFlight: number;
}

export interface RemoteSimulator {
  readonly url: string;
  stats(): Promise<SimulatorStats>;
  close(): Promise<void>;
}

/** Starts the simulator on its own thread and talks to it by messages. */
export async function startSimulatorThread(options: SimulatorOptions): Promise<RemoteSimulator> {
  // Loader hooks are per thread: the worker registers tsx itself before loading TypeScript.
  const script = new URL("./simulator-thread.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  const worker = new Worker(bootstrap, { eval: true, workerData: options });
  const next = async <T extends ThreadReply["type"]>(type: T) => {
    for (;;) {
      const [message] = (await once(worker, "message")) as [ThreadReply];
      if (message.type === type) return message as Extract<ThreadReply, { type: T }>;
    }
  };
  const send = (message: ThreadRequest) => worker.postMessage(message);
  const { url } = await next("ready");
  return {
    url,
    async stats() {
      const answer = next("stats");
      send({ type: "stats" });
      const { requests, connections, maxInFlight } = await answer;
      return { requests, connections, maxInFlight };
    },
    async close() {
      const closed = next("closed");
      send({ type: "close" });
      await closed;
      await worker.terminate();
    },
  };
}
