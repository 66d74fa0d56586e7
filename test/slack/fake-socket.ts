// Slack's Socket Mode end on 127.0.0.1: says hello to each connection of the bot, delivers
// envelopes, asks for a refresh as Slack does, and records what the bot sends back (envelope
// acknowledgements) and when each connection opened and closed.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export interface FakeSocketOptions {
  /** false: never answer the bot's pings, as a half-open connection would not. */
  answerPings?: boolean;
}

export interface FakeSocket {
  /** For apps.connections.open's answer. */
  readonly url: string;
  /** A URL whose connections are never greeted (a Slack end that hangs). */
  readonly silentUrl: string;
  /** Messages the bot sent, parsed. */
  readonly received: Array<{ envelope_id?: string; payload?: unknown }>;
  /** In order: `open 1`, `open 2`, `close 1`… (connections numbered from 1). */
  readonly events: string[];
  /** Resolves once the bot has connected and been greeted. */
  connected(): Promise<void>;
  /** Delivers to the newest connection. */
  send(envelope: unknown): void;
  /** Delivers to one connection (by number), as Slack picks one of an app's connections. */
  sendTo(connection: number, envelope: unknown): void;
  /** Connections open now. */
  readonly openCount: number;
  /** Sends the newest connection Slack's `disconnect` (`refresh_requested`), as Slack does. */
  refresh(): void;
  /** Ends a connection (by number), or every one, abruptly, as a network failure would. */
  drop(connection?: number): void;
  close(): Promise<void>;
}

const SILENT_PATH = "/silent";

export async function startFakeSocket(options: FakeSocketOptions = {}): Promise<FakeSocket> {
  const server = new WebSocketServer({
    host: "127.0.0.1",
    port: 0,
    autoPong: options.answerPings ?? true,
  });
  await once(server, "listening");
  const received: FakeSocket["received"] = [];
  const events: string[] = [];
  const open: WebSocket[] = [];
  const numbered = new Map<number, WebSocket>();
  let count = 0;
  const greeted = new Promise<void>((resolve) => {
    server.on("connection", (socket, request) => {
      const number = ++count;
      events.push(`open ${number}`);
      open.push(socket);
      numbered.set(number, socket);
      socket.on("close", () => {
        events.push(`close ${number}`);
        open.splice(open.indexOf(socket), 1);
      });
      socket.on("message", (data) => received.push(JSON.parse(String(data))));
      if (request.url === SILENT_PATH) return;
      socket.send(
        JSON.stringify({
          type: "hello",
          num_connections: open.length,
          connection_info: { app_id: "A0001" },
        }),
      );
      resolve();
    });
  });
  const newest = () => {
    const socket = open.at(-1);
    if (!socket) throw new Error("fake socket: the bot is not connected");
    return socket;
  };
  const base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/link`,
    silentUrl: `${base}${SILENT_PATH}`,
    received,
    events,
    connected: () => greeted,
    send: (envelope) => newest().send(JSON.stringify(envelope)),
    sendTo: (connection, envelope) => {
      const socket = numbered.get(connection);
      if (!socket || !open.includes(socket)) {
        throw new Error(`fake socket: connection ${connection} is not open`);
      }
      socket.send(JSON.stringify(envelope));
    },
    get openCount() {
      return open.length;
    },
    refresh: () =>
      newest().send(
        JSON.stringify({
          type: "disconnect",
          reason: "refresh_requested",
          debug_info: { host: "applink-fake" },
        }),
      ),
    drop: (connection) => {
      const ending = connection === undefined ? [...open] : [numbered.get(connection)];
      for (const socket of ending) socket?.terminate();
    },
    async close() {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
