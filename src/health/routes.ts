import type { IncomingMessage, ServerResponse } from "node:http";
import type { Readiness } from "./readiness.js";

/** A route on a Node HTTP server: the same routes run on ours or on an adapter's listener. */
export interface HealthRoute {
  path: string;
  /** GET for probes and metrics; POST for csoft's callbacks and adapters' endpoints. */
  method: "GET" | "POST";
  handler(request: IncomingMessage, response: ServerResponse): void;
}

export interface MetricsSource {
  render(): Promise<{ contentType: string; body: string }>;
}

export interface HealthRoutesOptions {
  readiness: Readiness;
  metrics?: MetricsSource;
}

function send(response: ServerResponse, status: number, contentType: string, body: string): void {
  response.writeHead(status, {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
  });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, body: unknown) =>
  send(response, status, "application/json; charset=utf-8", JSON.stringify(body));

/** Runs an async handler where only a sync one is expected; a failure answers 500. */
function route(path: string, run: (response: ServerResponse) => Promise<void>): HealthRoute {
  return {
    path,
    method: "GET",
    handler: (_request, response) => {
      run(response).catch(() => {
        if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
        else response.destroy();
      });
    },
  };
}

/** `/healthz` (the process answers), `/readyz` (every check passes), `/metrics` (Prometheus). */
export function healthRoutes(options: HealthRoutesOptions): HealthRoute[] {
  const routes = [
    route("/healthz", async (response) => sendJson(response, 200, { status: "ok" })),
    route("/readyz", async (response) => {
      const result = await options.readiness.evaluate();
      sendJson(response, result.ready ? 200 : 503, result);
    }),
  ];
  const { metrics } = options;
  if (metrics) {
    routes.push(
      route("/metrics", async (response) => {
        const { contentType, body } = await metrics.render();
        send(response, 200, contentType, body);
      }),
    );
  }
  return routes;
}
