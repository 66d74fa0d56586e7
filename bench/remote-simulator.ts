import { fork } from "node:child_process";
import { once } from "node:events";
import type { SimulatorOptions } from "../src/csoft/simulator.js";
import type { ProcessReply, ProcessRequest } from "./simulator-process.js";

interface SimulatorStats {
  requests: number;
  connections: number;
  maxInFlight: number;
}

export interface RemoteSimulator {
  readonly url: string;
  stats(): Promise<SimulatorStats>;
  close(): Promise<void>;
}

/** Starts the simulator in a child process (the same loader flags: it is TypeScript too). */
export async function startSimulatorProcess(options: SimulatorOptions): Promise<RemoteSimulator> {
  const script = new URL("./simulator-process.ts", import.meta.url);
  const child = fork(script, [JSON.stringify(options)], { stdio: "inherit" });
  const next = async <T extends ProcessReply["type"]>(type: T) => {
    for (;;) {
      const [message] = (await once(child, "message")) as [ProcessReply];
      if (message.type === type) return message as Extract<ProcessReply, { type: T }>;
    }
  };
  const send = (message: ProcessRequest) => child.send(message);
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
      const exited = once(child, "exit");
      send({ type: "close" });
      await exited;
    },
  };
}
