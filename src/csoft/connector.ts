import type { Socket } from "node:net";
import { type buildConnector, errors } from "undici";
import { ChatopsError } from "../errors.js";

/** Whatever was thrown, as an Error. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** What a connector needs to reach the server at `url`, as undici's own Client would ask it. */
export function connectOptions(url: URL): buildConnector.Options {
  return {
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    host: url.host,
    protocol: url.protocol,
    port: url.port,
  };
}

/**
 * Opens one connection (TCP, and TLS for https) through `connector`. The time-out holds even for
 * an injected connector that never calls back; `signal` (the client closing) gives up at once.
 * A socket that arrives after either is closed unused. Every rejection happens before anything
 * was written: that is what makes failing over from it safe.
 */
export function connectWithin(
  connector: buildConnector.connector,
  options: buildConnector.Options,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (error: Error | null, socket?: Socket): void => {
      if (settled) {
        socket?.destroy();
        return;
      }
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      if (socket && !error) resolve(socket);
      else reject(error ?? new ChatopsError("INTERNAL", "the connector returned no socket"));
    };
    const onAbort = (): void => settle(new errors.ClientClosedError());
    // A real timer, not the Clock's: it must keep the process alive while the connect is pending.
    const timer = setTimeout(() => {
      settle(
        new errors.ConnectTimeoutError(
          `Connect Timeout Error (attempted address: ${options.hostname}:${options.port}, timeout: ${timeoutMs}ms)`,
        ),
      );
    }, timeoutMs);
    signal.addEventListener("abort", onAbort);
    if (signal.aborted) onAbort();
    try {
      connector(options, (error, socket) => settle(error, socket ?? undefined));
    } catch (error) {
      settle(asError(error));
    }
  });
}
