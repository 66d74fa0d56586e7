// Slack's Socket Mode end on 127.0.0.1: says hello to the bot, delivers envelopes, and records
// what the bot sends back (envelope acknowledgements).
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface FakeSocket {
  /** For apps.connections.open's answer. */
  readonly url: string;
  /** Messages the bot sent, parsed. */
  readonly received: Array<{ envelope_id?: string; payload?: unknown }>;
  /** Resolves once the bot has connected and been greeted. */
  connected(): Promise<void>;
  send(envelope: unknown): void;
  close(): Promise<void>;
}

export async function startFakeSocket(): Promise<FakeSocket> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(server, "listening");
  const received: FakeSocket["received"] = [];
  let client: WebSocket | undefined;
  const greeted = new Promise<void>((resolve) => {
    server.on("connection", (socket) => {
      client = socket;
      socket.on("message", (data) => received.push(JSON.parse(String(data))));
      socket.send(
        JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0001" } }),
      );
      resolve();
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`,
    received,
    connected: () => greeted,
    send(envelope) {
      if (!client) throw new Error("fake socket: the bot is not connected");
      client.send(JSON.stringify(envelope));
    },
    async close() {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
