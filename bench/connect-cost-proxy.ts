// A loopback TCP proxy that makes every new connection cost `costMs` before it carries bytes, as a
// TCP and TLS handshake to a distant csoft would. The kernel accepts at once, so the client may
// write early: its bytes wait here until the handshake would have finished. Each connection
// records when it opened, when it became ready and when its first request byte arrived.
import { once } from "node:events";
import { createServer, connect as netConnect, type Socket } from "node:net";

interface ProxiedConnection {
  openedAt: number;
  readyAt: number;
  /** When the client's first byte arrived; undefined while none has. */
  firstByteAt: number | undefined;
}

export interface ConnectCostProxy {
  /** `url` with its host and port replaced by the proxy's. */
  readonly url: string;
  readonly connections: readonly ProxiedConnection[];
  /** Resolves once no connection is open (the client's idle close, or the server's). */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export async function startConnectCostProxy(
  target: string,
  costMs: number,
): Promise<ConnectCostProxy> {
  const upstreamUrl = new URL(target);
  const connections: ProxiedConnection[] = [];
  const open = new Set<Socket>();
  const idle: (() => void)[] = [];

  const server = createServer((client) => {
    const openedAt = performance.now();
    const record: ProxiedConnection = {
      openedAt,
      readyAt: openedAt + costMs,
      firstByteAt: undefined,
    };
    connections.push(record);
    open.add(client);
    const upstream = netConnect(Number(upstreamUrl.port), upstreamUrl.hostname);
    const waiting: Buffer[] = [];
    let ready = false;
    client.on("data", (chunk: Buffer) => {
      record.firstByteAt ??= performance.now();
      if (ready) upstream.write(chunk);
      else waiting.push(chunk);
    });
    setTimeout(() => {
      ready = true;
      for (const chunk of waiting.splice(0)) upstream.write(chunk);
    }, costMs);
    upstream.on("data", (chunk: Buffer) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on("end", end);
      socket.on("error", end);
      socket.on("close", end);
    }
    client.on("close", () => {
      open.delete(client);
      if (open.size === 0) for (const resolve of idle.splice(0)) resolve();
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("proxy has no port");
  const url = new URL(target);
  url.port = String(address.port);

  return {
    url: url.href,
    connections,
    allClosed: () =>
      open.size === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
