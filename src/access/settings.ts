// The environment variables of paging safety: where the history lives, who may page, how much.

import { z } from "zod";
import {
  DEFAULT_CONFIRM_ABOVE,
  DEFAULT_DATA_DIR,
  DEFAULT_MAX_IN_FLIGHT,
  DEFAULT_MAX_RECIPIENTS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_REPLICA_LEASE_MS,
  DEFAULT_SHUTDOWN_GRACE_MS,
  MAX_IN_FLIGHT_LIMIT,
  MAX_PAGING_COUNT,
  MAX_REPLICA_LEASE_MS,
  MAX_SHUTDOWN_GRACE_MS,
  MIN_REPLICA_LEASE_MS,
} from "../defaults.js";
import { databaseUrl, wholeNumber } from "../validate.js";
import type { AccessPolicy, AllowList } from "./policy.js";
import { parseRateLimit, type RateLimit } from "./rate-limit.js";

export interface PagingConfig {
  /** Holds the history database; created if missing. */
  dataDir: string;
  /** PostgreSQL shared by every replica, instead of SQLite in dataDir. Secret: never logged. */
  databaseUrl?: string;
  /** On PostgreSQL: how long a replica may go without renewing its lease before it counts as gone. */
  replicaLeaseMs: number;
  policy: AccessPolicy;
  /** Unset: no limit. */
  rateLimit?: RateLimit;
  /** More numbers than this, or any address book, is confirmed first. */
  confirmAbove: number;
  /** Commands handled at once; more are refused as busy. */
  maxInFlight: number;
  /** How long a shutdown waits for pages being sent before recording them as interrupted. */
  shutdownGraceMs: number;
}

/** A comma-separated list of ids; empty when unset. */
export const idList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? "")
      .split(",")
      .map((id) => id.trim())
      .filter((id) => id !== ""),
  );

const rateLimit = z
  .string()
  .trim()
  .default(DEFAULT_RATE_LIMIT)
  .transform((value, context) => {
    if (value === "" || value === "off") return undefined;
    const parsed = parseRateLimit(value);
    if (parsed === null) {
      context.addIssue({
        code: "custom",
        message: "must be pages/window like 5/10m, 20/1h or 3/30s, or off",
      });
      return z.NEVER;
    }
    return parsed;
  });

/** Spread into the environment schema of src/config.ts. */
export const pagingEnvShape = {
  DATA_DIR: z.string().trim().min(1, "must name a folder").default(DEFAULT_DATA_DIR),
  DATABASE_URL: databaseUrl,
  REPLICA_LEASE_MS: wholeNumber(
    DEFAULT_REPLICA_LEASE_MS,
    MAX_REPLICA_LEASE_MS,
    MIN_REPLICA_LEASE_MS,
  ),
  SMS_MAX_RECIPIENTS: wholeNumber(DEFAULT_MAX_RECIPIENTS, MAX_PAGING_COUNT, 0),
  SMS_RATE_LIMIT: rateLimit,
  SMS_CONFIRM_ABOVE: wholeNumber(DEFAULT_CONFIRM_ABOVE, MAX_PAGING_COUNT, 0),
  SHUTDOWN_GRACE_MS: wholeNumber(DEFAULT_SHUTDOWN_GRACE_MS, MAX_SHUTDOWN_GRACE_MS, 0),
  SMS_MAX_IN_FLIGHT: wholeNumber(DEFAULT_MAX_IN_FLIGHT, MAX_IN_FLIGHT_LIMIT),
};

type PagingEnv = { [K in keyof typeof pagingEnvShape]: z.output<(typeof pagingEnvShape)[K]> };

/** The allow-lists come from the adapters, each reading its own variables (its descriptor). */
export function pagingConfig(
  env: PagingEnv,
  allowLists: Readonly<Record<string, AllowList>> = {},
): PagingConfig {
  return {
    dataDir: env.DATA_DIR,
    ...(env.DATABASE_URL !== undefined && { databaseUrl: env.DATABASE_URL }),
    replicaLeaseMs: env.REPLICA_LEASE_MS,
    policy: { allowLists, maxRecipients: env.SMS_MAX_RECIPIENTS },
    ...(env.SMS_RATE_LIMIT !== undefined && { rateLimit: env.SMS_RATE_LIMIT }),
    confirmAbove: env.SMS_CONFIRM_ABOVE,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    maxInFlight: env.SMS_MAX_IN_FLIGHT,
  };
}
