import type { Logger } from "../log.js";
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
  logger: Logger;
  /** More routes on the same port: csoft's callbacks (src/callbacks/). */
  extraRoutes?: readonly HealthRoute[];
}

export interface HealthServing {
  /** The routes for Bolt's `customRoutes` when Slack owns the port; otherwise undefined. */
  readonly slackRoutes: HealthRoute[] | undefined;
  close(): Promise<void>;
}

/** `/healthz`, `/readyz` and `/metrics` on the port: on Slack's HTTP receiver, or on our own. */
export async function serveHealth(options: ServeHealthOptions): Promise<HealthServing> {
  const routes = [
    ...healthRoutes({ readiness: options.readiness, metrics: options.metrics }),
    ...(options.extraRoutes ?? []),
  ];
  if (options.portTakenBySlack) {
    return { slackRoutes: routes, close: async () => undefined };
  }
  try {
    const server = await startHealthServer({
      port: options.port,
      ...(options.host !== undefined && { host: options.host }),
      routes,
    });
    options.logger.info({ port: server.port }, "health and metrics listening");
    return { slackRoutes: undefined, close: () => server.close() };
  } catch (error) {
    // Paging matters more than watching it: a taken port costs the probes, not the bot.
    const code = (error as { code?: unknown }).code;
    options.logger.error(
      { port: options.port, code },
      "health and metrics could not listen on PORT; running without them",
    );
    return { slackRoutes: undefined, close: async () => undefined };
  }
}
