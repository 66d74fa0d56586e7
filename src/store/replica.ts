import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Clock } from "../clock.js";
import { ChatopsError } from "../errors.js";
import type { Logger } from "../log.js";
import { openStore, type StoreOptions } from "./open.js";
import type { PageRow, Store } from "./types.js";

/** Renewals per lease: two may fail (a slow query, a database failover) before it is lost. */
const RENEWALS_PER_LEASE = 3;

export const STORE_UNREACHABLE_REPLY =
  "This bot cannot reach its database, so it cannot record the page before sending it. Nothing was sent; try again in a moment.";

export interface ReplicaOptions {
  /** The store, opened with this replica's id. */
  store: Store;
  replicaId: string;
  leaseMs: number;
  clock: Clock;
  logger: Logger;
  /** Pages of a replica that stopped renewing, now marked interrupted: to say so in their threads. */
  onTakenOver?: (pages: PageRow[]) => void;
}

/** One replica among several on one database, as long as it renews its lease. */
export interface Replica {
  readonly id: string;
  /** The store, refusing new work while the lease is not held (the database is out of reach). */
  readonly store: Store;
  /** Also tells `listener` of the pages it takes over, as ReplicaOptions.onTakenOver. */
  onTakenOver(listener: (pages: PageRow[]) => void): void;
  /** Whether the lease was renewed within the lease time: the database answers this replica. */
  holdsLease(): boolean;
  /** Stops renewing and sweeping; the lease runs out unless another process renews it. */
  stop(): void;
}

/**
 * The store the bot runs on: SQLite in DATA_DIR, or on PostgreSQL one replica among several,
 * holding a lease (then `replica` is defined, and its store refuses new work without the lease).
 */
export async function openSharedStore(
  settings: StoreOptions & { replicaLeaseMs: number },
  clock: Clock,
  logger: Logger,
): Promise<{ store: Store; replica?: Replica }> {
  if (settings.databaseUrl === undefined) return { store: await openStore(settings) };
  const replicaId = newReplicaId();
  const store = await openStore({ ...settings, replicaId });
  const leaseMs = settings.replicaLeaseMs;
  const replica = await startReplica({ store, replicaId, leaseMs, clock, logger });
  logger.info({ replica: replicaId, leaseMs }, "replica holds its lease on PostgreSQL");
  return { store: replica.store, replica };
}

/** An id unlikely to repeat across restarts and hosts, that an operator can still read. */
export function newReplicaId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/**
 * Takes the lease (failing start-up if the database does not answer), then renews it on the
 * clock and, after each renewal, takes over the pages of replicas that stopped renewing.
 */
export async function startReplica(options: ReplicaOptions): Promise<Replica> {
  const { store, replicaId: id, leaseMs, clock, logger } = options;
  await store.renewLease(id, clock.now());
  let renewedAt = clock.now();
  let cancel: (() => void) | undefined;
  const listeners = options.onTakenOver ? [options.onTakenOver] : [];
  const holdsLease = () => clock.now() - renewedAt < leaseMs;
  const round = async () => {
    const at = clock.now();
    try {
      await store.renewLease(id, at);
      renewedAt = at;
      const taken = await store.takeOverExpired(at, leaseMs);
      if (taken.length > 0) {
        const ids = taken.map((page) => page.id);
        logger.warn(
          { pages: ids },
          "pages of a replica that stopped renewing its lease marked interrupted: state unknown, not resent",
        );
        for (const listener of listeners) listener(taken);
      }
    } catch (error) {
      logger.warn({ err: error, holdsLease: holdsLease() }, "could not renew the replica lease");
    }
  };
  const schedule = () => {
    cancel = clock.setTimer(() => {
      void round().finally(() => {
        if (cancel !== undefined) schedule();
      });
    }, leaseMs / RENEWALS_PER_LEASE);
  };
  schedule();
  return {
    id,
    store: refusingWithoutLease(store, holdsLease),
    holdsLease,
    onTakenOver: (listener) => void listeners.push(listener),
    stop() {
      cancel?.();
      cancel = undefined;
    },
  };
}

/** New work (a claim, a page, a question) is refused at once while the lease is not held. */
function refusingWithoutLease(store: Store, holdsLease: () => boolean): Store {
  const guard =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (!holdsLease()) throw new ChatopsError("STORE_UNREACHABLE", STORE_UNREACHABLE_REPLY);
      return write(...args);
    };
  return {
    ...store,
    claimRequest: guard(store.claimRequest),
    recordPage: guard(store.recordPage),
    openQuestion: guard(store.openQuestion),
  };
}
