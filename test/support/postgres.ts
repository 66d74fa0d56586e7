// The PostgreSQL these machines run, for the tests: a schema of its own per test file, dropped after.
import { randomBytes } from "node:crypto";
import { connect, createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import type { Store } from "../../src/store/index.js";
import { openPostgresStore } from "../../src/store/postgres/index.js";

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Whether a server answers; asked once per test file. */
async function serverAnswers(): Promise<boolean> {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 3_000,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reachable = await serverAnswers();
if (!reachable) {
  const notice = `PostgreSQL does not answer at ${redacted(TEST_DATABASE_URL)}`;
  // In CI a missing server is a failure, never a silent skip.
  if (process.env.CI) throw new Error(`${notice}; CI needs it for the PostgreSQL tests.`);
  console.warn(`\n*** ${notice}: its tests are SKIPPED (set TEST_DATABASE_URL). ***\n`);
}

function redacted(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty schema: its name, for the stores' search path. */
export async function createSchema(prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await admin((client) => client.query(`CREATE SCHEMA ${name}`));
  return name;
}

export async function dropSchema(name: string): Promise<void> {
  await admin((client) => client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`));
}

/** A store on `schema`, as one replica opens it. */
export function openStoreIn(schema: string, options: { replicaId?: string } = {}): Promise<Store> {
  return openPostgresStore({ url: TEST_DATABASE_URL, schema, maxConnections: 4, ...options });
}

/**
 * Describes PostgreSQL tests in a schema of the file's own (`schema()` inside a test), dropped
 * after; skipped with a notice when no server answers (failing instead under CI).
 */
export function describePostgres(name: string, body: (schema: () => string) => void): void {
  describe.runIf(reachable)(name, () => {
    let schema: string | undefined;
    beforeAll(async () => {
      schema = await createSchema("test");
    });
    afterAll(async () => {
      if (schema !== undefined) await dropSchema(schema);
    });
    body(() => {
      if (schema === undefined) throw new Error("read the schema inside a test");
      return schema;
    });
  });
}

/** Empties every table of the store in `schema`, numbering from 1 again: a fresh store per test. */
export async function emptySchema(schema: string): Promise<void> {
  await admin(async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = $1 AND tablename NOT LIKE 'kysely_%'",
      [schema],
    );
    if (rows.length === 0) return;
    const tables = rows.map(({ tablename }) => `${schema}.${tablename}`).join(", ");
    await client.query(`TRUNCATE ${tables} RESTART IDENTITY CASCADE`);
  });
}

/** The test PostgreSQL through a link the test can cut (as a network partition) and mend. */
export interface PostgresLink {
  /** TEST_DATABASE_URL through the link. */
  url: string;
  cut(): void;
  mend(): Promise<void>;
  close(): void;
}

/** A loopback TCP proxy to the test PostgreSQL, that the test can cut and mend. */
export async function postgresProxy(): Promise<PostgresLink> {
  const target = new URL(TEST_DATABASE_URL);
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(Number(target.port || 5432), target.hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on("error", () => undefined);
          socket.on("close", () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server?.address() as { port: number } | null)?.port ?? port;
        resolve();
      });
    });
  await listen();
  const url = new URL(TEST_DATABASE_URL);
  url.port = String(port);
  const cut = () => {
    server?.close();
    for (const socket of sockets) socket.destroy();
  };
  return { url: url.toString(), cut, mend: listen, close: cut };
}
