// The composition root: the program as built (app/main.ts, its entry), which adapters it has
// (adapters.ts), its configuration from the environment (config.ts), and the wiring (run.ts).
// The only place that names the platforms together and reads process.env.
export { ADAPTER_NAMES, ADAPTERS, type Adapter, contactIdFields } from "./adapters.js";
export { type ChosenAdapter, type Config, loadConfig, settingsOf } from "./config.js";
export { run } from "./run.js";
