import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { HealthRoute } from "./routes.js";

export interface HealthServerOptions {
  port: number;
  /** All interfaces by default, so a container's probes reach it. */
  host?: string;
  routes: readonly HealthRoute[];
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/** A small HTTP server for the health routes, when no adapter's HTTP listener owns the port. */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const byPath = new Map(options.routes.map((route) => [route.path, route]));
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://health").pathname;
    const route = byPath.get(path);
    if (!route) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found");
      return;
    }
    const head = request.method === "HEAD" && route.method === "GET";
    if (request.method !== route.method && !head) {
      response.writeHead(405, { allow: route.method, "content-type": "text/plain" });
      response.end("Method Not Allowed");
      return;
    }
    route.handler(request, response);
  });
  server.listen(options.port, options.host);
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
