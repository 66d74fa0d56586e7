// Discord over HTTP: no gateway session; Discord POSTs each interaction to the Interactions
// Endpoint URL, and the answers after the first go out through the interaction's webhook.
import { REST } from "@discordjs/rest";
import { type Clock, type DeliveryEditor, type Logger, systemClock } from "../../src/kit.js";
import { createInteractionHandler, type SmsCommandDeps } from "./attach.js";
import { discordDeliveryEditor } from "./delivery.js";
import { interactionsEndpoint, type RequestListener } from "./http.js";
import { sendJson } from "./http-interaction.js";
import { discordPublicKey } from "./signature.js";

export interface DiscordHttpOptions extends SmsCommandDeps {
  token: string;
  /** REST base URL, e.g. a proxy; Discord's own otherwise. */
  apiUrl?: string;
  /** The application's public key (DISCORD_PUBLIC_KEY), 64 hexadecimal digits. */
  publicKey: string;
  /** Hands the endpoint to the HTTP server on PORT, at `/discord/interactions`. */
  serveInteractions(listener: RequestListener): void;
  logger: Logger;
  /** Dates the signatures; the system clock by default. */
  clock?: Clock;
}

export interface RunningDiscordHttp {
  /** Answers new interactions 503, then lets those in progress finish. */
  stop(): Promise<void>;
  /** Edits page reports as delivery receipts come, over the same REST client. */
  deliveryEditor: DeliveryEditor;
}

/** Serves interactions over HTTP with the same handler the gateway uses. */
export function startDiscordHttp(options: DiscordHttpOptions): RunningDiscordHttp {
  const { logger } = options;
  const rest = new REST({
    version: "10",
    ...(options.apiUrl !== undefined && { api: options.apiUrl }),
  }).setToken(options.token);
  const handler = createInteractionHandler(options, rest);
  const endpoint = interactionsEndpoint({
    publicKey: discordPublicKey(options.publicKey),
    handler,
    logger,
    clock: options.clock ?? systemClock,
  });
  let stopping = false;
  options.serveInteractions((request, response) => {
    if (!stopping) return endpoint(request, response);
    request.resume();
    void sendJson(response, 503, { error: "shutting down" });
  });
  logger.info("discord interactions served over HTTP; no gateway session");
  return {
    deliveryEditor: discordDeliveryEditor(rest),
    async stop() {
      stopping = true;
      await handler.settled();
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
      logger.info("discord stopped");
    },
  };
}
