// The csoft simulator on a thread of its own: csoft does its work on its own machine, so its
// parsing and answering must not be charged to the client's time (they share no event loop).
import { parentPort, workerData } from "node:worker_threads";
import { type SimulatorOptions, startSimulator } from "../src/csoft/simulator.js";

export type ThreadRequest = { type: "stats" } | { type: "close" };
export type ThreadReply =
  | { type: "ready"; url: string }
  | { type: "stats"; requests: number; connections: number; maxInFlight: number }
  | { type: "closed" };

if (!parentPort) throw new Error("simulator-thread.ts runs as a worker thread");
const port = parentPort;
const reply = (message: ThreadReply) => port.postMessage(message);

const simulator = await startSimulator(workerData as SimulatorOptions);
port.on("message", (message: ThreadRequest) => {
  if (message.type === "stats") {
    const { requests, connections, maxInFlight } = simulator;
    reply({ type: "stats", requests: requests.length, connections, maxInFlight });
  } else {
    void simulator.close().then(() => reply({ type: "closed" }));
  }
});
reply({ type: "ready", url: simulator.url });
