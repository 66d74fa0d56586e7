import type { Clock } from "../clock.js";
import type { ServerName } from "./types.js";

/**
 * Which server to try first. After the primary could not be reached, the secondary leads for
 * `coolDownMs`, so later pages do not pay a failed connect attempt each; then the primary is
 * tried again. The clock is injected so tests need not sleep.
 */
export class ServerPreference {
  readonly #coolDownMs: number;
  readonly #clock: Clock;
  #secondaryLeadsUntil = Number.NEGATIVE_INFINITY;

  constructor(coolDownMs: number, clock: Clock) {
    this.#coolDownMs = coolDownMs;
    this.#clock = clock;
  }

  order(): readonly [ServerName, ServerName] {
    return this.#clock.now() < this.#secondaryLeadsUntil
      ? ["secondary", "primary"]
      : ["primary", "secondary"];
  }

  primaryUnreachable(): void {
    this.#secondaryLeadsUntil = this.#clock.now() + this.#coolDownMs;
  }
}
