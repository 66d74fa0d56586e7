import { type buildConnector, errors } from "undici";

/** Whatever was thrown, as an Error. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** A connector that also says which errors happened before a connection existed. */
export interface WatchedConnector {
  connect: buildConnector.connector;
  /** True for an error the connector reported: nothing of the request can have been sent. */
  failedToConnect(error: unknown): boolean;
}

/**
 * Wraps a connector so that (1) the connect time-out holds even for an injected connector that
 * never calls back, and (2) connect-phase errors are recognisable later, when undici hands them
 * to the request. That is what makes failover safe: only these errors prove the request was
 * never sent.
 */
export function watchConnector(
  inner: buildConnector.connector,
  connectTimeoutMs: number,
): WatchedConnector {
  const connectErrors = new WeakSet<object>();

  const connect: buildConnector.connector = (options, callback) => {
    let settled = false;
    const fail = (error: Error): void => {
      connectErrors.add(error);
      callback(error, null);
    };
    const timer = setTimeout(() => {
      settled = true;
      fail(
        new errors.ConnectTimeoutError(
          `Connect Timeout Error (attempted address: ${options.hostname}:${options.port}, timeout: ${connectTimeoutMs}ms)`,
        ),
      );
    }, connectTimeoutMs);
    try {
      inner(options, (error, socket) => {
        if (settled) {
          socket?.destroy();
          return;
        }
        settled = true;
        clearTimeout(timer);
        if (error) fail(error);
        else if (socket) callback(null, socket);
      });
    } catch (error) {
      settled = true;
      clearTimeout(timer);
      fail(asError(error));
    }
  };

  return {
    connect,
    failedToConnect: (error) =>
      typeof error === "object" && error !== null && connectErrors.has(error),
  };
}
