// csoft's HTTP API: encoding requests and decoding answers, report codes, the client (batches,
// hedged connect, failover only when a request provably never arrived), the account query,
// callbacks (receipts, replies) and the simulator that stands in for csoft in demos and tests.
export { CsoftAccount, type CsoftAccountOptions } from "./account.js";
export { CsoftClient, type CsoftClientOptions } from "./client.js";
export { type Simulator, type SimulatorFault, startSimulator } from "./simulator.js";
export type { Outcome, SendRequest, SendResult, SmsTransport } from "./types.js";
