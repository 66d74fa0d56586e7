import type { Logger } from "../log.js";
import type { Readiness } from "./readiness.js";
import { type HealthRoute, healthRoutes, type MetricsSource } from "./routes.js";
import { startHealthServer } from "./server.js";

export interface ServeHealthOptions {
  port: number;
  host?: string;
  /** An adapter already listens for HTTP on the port: hand it the routes instead of listening. */
  portTakenByAdapter: boolean;
  readiness: Readiness;
  metrics: MetricsSource;
  logger: Logger;
}

export interface HealthServing {
  /** The routes for the adapter that owns the port to serve; empty when we listen ourselves. */
  readonly routes: readonly HealthRoute[];
  close(): Promise<void>;
}

/** `/healthz`, `/readyz` and `/metrics` on the port: on an adapter's HTTP listener, or our own. */
export async function serveHealth(options: ServeHealthOptions): Promise<HealthServing> {
  const routes = healthRoutes({ readiness: options.readiness, metrics: options.metrics });
  if (options.portTakenByAdapter) {
    return { routes, close: async () => undefined };
  }
  try {
    const server = await startHealthServer({
      port: options.port,
      ...(options.host !== undefined && { host: options.host }),
      routes,
    });
    options.logger.info({ port: server.port }, "health and metrics listening");
    return { routes: [], close: () => server.close() };
  } catch (error) {
    // Paging matters more than watching it: a taken port costs the probes, not the bot.
    const code = (error as { code?: unknown }).code;
    options.logger.error(
      { port: options.port, code },
      "health and metrics could not listen on PORT; running without them",
    );
    return { routes: [], close: async () => undefined };
  }
}
