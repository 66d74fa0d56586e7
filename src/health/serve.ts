import type { Logger } from "../log.js";
import { mountPoint, type RequestListener } from "./mount.js";
import type { Readiness } from "./readiness.js";
import { type HealthRoute, healthRoutes, type MetricsSource } from "./routes.js";
import { startHealthServer } from "./server.js";

export interface ServeHealthOptions {
  port: number;
  host?: string;
  /** An adapter listens for HTTP on the port itself: hand it every route instead of listening. */
  portTakenByAdapter: boolean;
  readiness: Readiness;
  metrics: MetricsSource;
  /** POST routes adapters take on the port, declared now and handed their handler on start. */
  adapterPaths?: readonly string[];
  /** The core's own POST routes beside the probes: csoft's callbacks (src/callbacks/). */
  callbackRoutes?: readonly HealthRoute[];
  logger: Logger;
}

export interface HealthServing {
  /** Every route on PORT, for the adapter that owns the port to serve; empty when we listen. */
  readonly routes: readonly HealthRoute[];
  /** Hands one of `adapterPaths` its handler; until then it answers 503. */
  mount(path: string, listener: RequestListener): void;
  close(): Promise<void>;
}

/**
 * The routes on PORT, the core's (`/healthz`, `/readyz`, `/metrics`, csoft's callbacks) and the
 * adapters' POST paths, served by whichever server owns the port: an adapter's listener, or ours.
 */
export async function serveHealth(options: ServeHealthOptions): Promise<HealthServing> {
  const mounts = new Map((options.adapterPaths ?? []).map((path) => [path, mountPoint(path)]));
  const mount = (path: string, listener: RequestListener) => mounts.get(path)?.mount(listener);
  const routes = [
    ...healthRoutes({ readiness: options.readiness, metrics: options.metrics }),
    ...(options.callbackRoutes ?? []),
    ...[...mounts.values()].map((point) => point.route),
  ];
  if (options.portTakenByAdapter) {
    return { routes, mount, close: async () => undefined };
  }
  try {
    const server = await startHealthServer({
      port: options.port,
      ...(options.host !== undefined && { host: options.host }),
      routes,
    });
    options.logger.info({ port: server.port }, "health and metrics listening");
    return { routes: [], mount, close: () => server.close() };
  } catch (error) {
    // An adapter taking its commands on the port cannot run without it.
    if (mounts.size > 0) throw error;
    // Paging matters more than watching it: a taken port costs the probes, not the bot.
    const code = (error as { code?: unknown }).code;
    options.logger.error(
      { port: options.port, code },
      "health and metrics could not listen on PORT; running without them",
    );
    return { routes: [], mount, close: async () => undefined };
  }
}
