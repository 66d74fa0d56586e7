// Running a command: the Pager (dispatch, sending a page, lifecycle) and the Surface contract
// adapters implement. authorize → resolve → confirm → record → send → complete.
export { type CommandOutcome, worstOutcome } from "./outcome.js";
export { createPager, type Pager, type PagerDeps } from "./pager.js";
export type { Actor, CommandContext, PageReport, Surface } from "./types.js";
