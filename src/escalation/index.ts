// Escalation: how long a step waits (one duration rule for contacts files, commands and the
// reply window), what a step is, and the engine that fires due steps once over the Clock.

export { DURATION_RULE, durationSchema, formatDuration, readDuration } from "./duration.js";
export { createEscalationEngine, type EscalationEngine } from "./engine.js";
export type { EscalationStep } from "./policy.js";
