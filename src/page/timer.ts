/** Kept for the modules not yet moved to the Clock; the timer is the Clock's (src/clock.ts). */
export type { SetTimer } from "../clock.js";
