import type { Logger } from "../log.js";
import { mountPoint, type RequestListener } from "./mount.js";
import type { Readiness } from "./readiness.js";
import { type HealthRoute, healthRoutes, type MetricsSource } from "./routes.js";
import { startHealthServer } from "./server.js";

export interface ServeHealthOptions {
  port: number;
  host?: string;
  /** Slack over HTTP already listens on the port: hand it the routes instead of listening. */
  portTakenBySlack: boolean;
  readiness: Readiness;
  metrics: MetricsSource;
  /** POST routes an adapter serves on the same port once it starts (see `mount`). */
  adapterPaths?: readonly string[];
  logger: Logger;
}

export interface HealthServing {
  /** The routes for Bolt's `customRoutes` when Slack owns the port; otherwise undefined. */
  readonly slackRoutes: HealthRoute[] | undefined;
  /** Hands one of `adapterPaths` its handler; until then it answers 503. */
  mount(path: string, listener: RequestListener): void;
  close(): Promise<void>;
}

/** `/healthz`, `/readyz` and `/metrics` on the port: on Slack's HTTP receiver, or on our own. */
export async function serveHealth(options: ServeHealthOptions): Promise<HealthServing> {
  const mounts = new Map((options.adapterPaths ?? []).map((path) => [path, mountPoint(path)]));
  const mount = (path: string, listener: RequestListener) => mounts.get(path)?.mount(listener);
  const routes = [
    ...healthRoutes({ readiness: options.readiness, metrics: options.metrics }),
    ...[...mounts.values()].map((point) => point.route),
  ];
  if (options.portTakenBySlack) {
    return { slackRoutes: routes, mount, close: async () => undefined };
  }
  try {
    const server = await startHealthServer({
      port: options.port,
      ...(options.host !== undefined && { host: options.host }),
      routes,
    });
    options.logger.info({ port: server.port }, "health and metrics listening");
    return { slackRoutes: undefined, mount, close: () => server.close() };
  } catch (error) {
    // An adapter taking its commands on the port cannot run without it.
    if (mounts.size > 0) throw error;
    // Paging matters more than watching it: a taken port costs the probes, not the bot.
    const code = (error as { code?: unknown }).code;
    options.logger.error(
      { port: options.port, code },
      "health and metrics could not listen on PORT; running without them",
    );
    return { slackRoutes: undefined, mount, close: async () => undefined };
  }
}
