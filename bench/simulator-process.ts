// The csoft simulator in a process of its own: csoft does its work on its own machine, so its
// parsing and answering are charged neither to the client's time nor to its CPU time.
import { type SimulatorOptions, startSimulator } from "../src/csoft/simulator.js";

export type ProcessRequest = { type: "stats" } | { type: "close" };
export type ProcessReply =
  | { type: "ready"; url: string }
  | { type: "stats"; requests: number; connections: number; maxInFlight: number }
  | { type: "closed" };

const send = process.send?.bind(process);
if (!send) throw new Error("simulator-process.ts runs as a child process with an IPC channel");
const reply = (message: ProcessReply) => send(message);

const options = JSON.parse(process.argv[2] ?? "{}") as SimulatorOptions;
const simulator = await startSimulator(options);
process.on("message", (message: ProcessRequest) => {
  if (message.type === "stats") {
    const { requests, connections, maxInFlight } = simulator;
    reply({ type: "stats", requests: requests.length, connections, maxInFlight });
  } else {
    void simulator.close().then(() => {
      reply({ type: "closed" });
      process.disconnect();
    });
  }
});
reply({ type: "ready", url: simulator.url });
