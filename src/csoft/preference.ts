import type { ServerName } from "./types.js";

/**
 * Which server to try first. After the primary could not be reached, the secondary leads for
 * `coolDownMs`, so later pages do not pay a failed connect attempt each; then the primary is
 * tried again. The clock is injected so tests need not sleep.
 */
export class ServerPreference {
  readonly #coolDownMs: number;
  readonly #now: () => number;
  #secondaryLeadsUntil = Number.NEGATIVE_INFINITY;

  constructor(coolDownMs: number, now: () => number) {
    this.#coolDownMs = coolDownMs;
    this.#now = now;
  }

  order(): readonly [ServerName, ServerName] {
    return this.#now() < this.#secondaryLeadsUntil
      ? ["secondary", "primary"]
      : ["primary", "secondary"];
  }

  primaryUnreachable(): void {
    this.#secondaryLeadsUntil = this.#now() + this.#coolDownMs;
  }
}
