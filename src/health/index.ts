// Health and metrics endpoints: served by our own small server, or by an adapter's HTTP listener.
export { dataDirWritable } from "./data-dir.js";
export { type MountPoint, mountPoint, type RequestListener } from "./mount.js";
export {
  createReadiness,
  type Readiness,
  type ReadinessCheck,
  type ReadinessResult,
} from "./readiness.js";
export {
  type HealthRoute,
  type HealthRoutesOptions,
  healthRoutes,
  type MetricsSource,
} from "./routes.js";
export { type HealthServing, type ServeHealthOptions, serveHealth } from "./serve.js";
export { type HealthServer, type HealthServerOptions, startHealthServer } from "./server.js";
