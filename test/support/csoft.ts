import { CsoftClient } from "../../src/csoft/client.js";
import { type Simulator, startSimulator } from "../../src/csoft/simulator.js";

export interface LocalCsoft {
  simulator: Simulator;
  client: CsoftClient;
  close(): Promise<void>;
}

/** A csoft simulator on loopback and a real client whose primary and secondary are both it. */
export async function startLocalCsoft(): Promise<LocalCsoft> {
  const simulator = await startSimulator();
  const client = new CsoftClient({
    credentials: { username: "demo", pin: "0000" },
    primaryUrl: simulator.url,
    secondaryUrl: simulator.url,
  });
  return {
    simulator,
    client,
    async close() {
      await client.close();
      await simulator.close();
    },
  };
}
