import type { IncomingMessage, ServerResponse } from "node:http";
import type { HealthRoute } from "./routes.js";

/** Serves one request; what an adapter hands a mount point. */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** A POST route on PORT from the start, whose handler an adapter started later gives it. */
export interface MountPoint {
  readonly route: HealthRoute;
  /** Hands the route its handler; until then it answers 503, as a process not yet ready. */
  mount(listener: RequestListener): void;
}

/**
 * The port opens before the adapters start, and an adapter that owns the port takes every route
 * when it is built: a route another adapter serves (an interactions endpoint) is declared first.
 */
export function mountPoint(path: string): MountPoint {
  let listener: RequestListener | undefined;
  return {
    route: {
      path,
      method: "POST",
      handler: (request, response) => {
        if (listener) return listener(request, response);
        const body = JSON.stringify({ error: "starting; not ready yet" });
        response.writeHead(503, {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        });
        response.end(body);
      },
    },
    mount(given) {
      listener = given;
    },
  };
}
