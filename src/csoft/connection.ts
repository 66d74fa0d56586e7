import type { Socket } from "node:net";
import { Client, type Dispatcher } from "undici";
import { ChatopsError } from "../errors.js";

export type ConnectionOptions = Omit<Client.Options, "connect" | "pipelining">;

/**
 * One socket we connected ourselves, spoken over by an undici Client that never opens another.
 * Which server a request goes to is decided before any byte is written (see hedge.ts), so the
 * connecting happens here, not inside undici's pool.
 */
export class Connection {
  readonly #socket: Socket;
  readonly #client: Client;
  #gone = false;

  constructor(origin: string, socket: Socket, options: ConnectionOptions) {
    this.#socket = socket;
    const markGone = (): void => {
      this.#gone = true;
    };
    // Until undici takes the socket, these are its only listeners: a reset must not go unheard.
    socket.on("error", markGone);
    socket.once("close", markGone);
    // An idle connection never keeps the process alive; a request in flight is held by its
    // deadline timer.
    socket.unref();
    let unused: Socket | undefined = socket;
    this.#client = new Client(origin, {
      ...options,
      pipelining: 1,
      // Called back on a microtask, as a real connector would: undici ignores a synchronous
      // answer given while it is still dispatching.
      connect: (_options, callback) => {
        const given = unused;
        unused = undefined;
        queueMicrotask(() => {
          if (given) callback(null, given);
          else callback(new ChatopsError("CSOFT_CLOSED", "this csoft connection is closed"), null);
        });
      },
    });
  }

  /** Open, and nothing unread on it: a request written now goes to a live server connection. */
  get usable(): boolean {
    return !this.#gone && !this.#socket.destroyed && this.#socket.readableLength === 0;
  }

  request(options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
    return this.#client.request(options);
  }

  close(): void {
    this.#socket.destroy();
    this.#client.destroy().catch(() => undefined);
  }
}
