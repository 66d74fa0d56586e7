import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  createReadiness,
  dataDirWritable,
  healthRoutes,
  type ReadinessCheck,
  serveHealth,
  startHealthServer,
} from "../../src/health/index.js";
import { createLogger } from "../../src/log.js";
import { createMetrics } from "../../src/metrics/index.js";
import { createPager } from "../../src/page/pager.js";
import { startLocalCsoft } from "../support/csoft.js";
import { manualClock, until } from "../support/manual-timer.js";
import { recordingSurface } from "../support/recording-surface.js";
import { freePort } from "../support/run-cli.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "csoft-chatops-health-"));
  closers.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function serve(checks: ReadinessCheck[], metrics = createMetrics({ processMetrics: false })) {
  const readiness = createReadiness(checks);
  const server = await startHealthServer({
    port: 0,
    host: "127.0.0.1",
    routes: healthRoutes({ readiness, metrics }),
  });
  closers.push(() => server.close());
  const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
  return { readiness, metrics, url };
}

const passing = (name: string): ReadinessCheck => ({ name, check: () => true });

describe("/healthz", () => {
  it("answers 200 while the process runs, whatever readiness says", async () => {
    const { url } = await serve([{ name: "slack", check: () => false }]);
    const response = await fetch(url("/healthz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
    expect(response.headers.get("cache-control")).toBe("no-store");
  });
});

describe("/readyz", () => {
  it("is 200 with every check named when the adapters are up and DATA_DIR is writable", async () => {
    const { url } = await serve([passing("slack"), dataDirWritable(await tempDir())]);
    const response = await fetch(url("/readyz"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ready: true,
      checks: { slack: true, data_dir_writable: true },
    });
  });

  it("is 503 when the data directory cannot take a file", async () => {
    const dir = await tempDir();
    // A file where the directory should be: unwritable even for root, unlike a chmod.
    const notADirectory = join(dir, "data");
    await writeFile(notADirectory, "");
    const { url } = await serve([passing("slack"), dataDirWritable(notADirectory)]);

    const response = await fetch(url("/readyz"));

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ready: false,
      checks: { slack: true, data_dir_writable: false },
    });
  });

  it("is 503 when the data directory does not exist, and leaves no probe file behind", async () => {
    const dir = await tempDir();
    const { url } = await serve([dataDirWritable(join(dir, "missing"))]);
    expect((await fetch(url("/readyz"))).status).toBe(503);

    const { url: okUrl } = await serve([dataDirWritable(dir)]);
    expect((await fetch(okUrl("/readyz"))).status).toBe(200);
    expect(await readdir(dir)).toEqual([]);
  });

  it("turns ready once an adapter that starts later adds its check", async () => {
    const { readiness, url } = await serve([]);
    expect((await fetch(url("/readyz"))).status).toBe(503);
    let connected = false;
    readiness.add({ name: "discord", check: () => connected });
    expect((await fetch(url("/readyz"))).status).toBe(503);
    connected = true;
    expect((await fetch(url("/readyz"))).status).toBe(200);
  });

  it("counts a check that throws or never answers as not ready", async () => {
    const throwing: ReadinessCheck = {
      name: "throws",
      check: () => {
        throw new Error("database gone");
      },
    };
    const hanging: ReadinessCheck = { name: "hangs", check: () => new Promise(() => undefined) };
    const clock = manualClock();
    const readiness = createReadiness([passing("slack"), throwing, hanging], 2_000, clock);
    const evaluated = readiness.evaluate();
    // The checks that answer are done; only the hanging one still waits for its time-out.
    await until(() => clock.pending() === 1);
    clock.advance(1_999);
    expect(clock.pending()).toBe(1);
    clock.advance(1);
    expect(await evaluated).toEqual({
      ready: false,
      checks: { slack: true, throws: false, hangs: false },
    });
  });
});

describe("/metrics", () => {
  it("serves Prometheus text whose counts change after a page", async () => {
    const { url, metrics } = await serve([passing("shell")]);
    const csoft = await startLocalCsoft();
    closers.push(() => csoft.close());
    const pager = createPager({
      store: memoryStore(),
      transport: csoft.client,
      onPageDone: metrics.observePage,
    });
    const before = await fetch(url("/metrics"));
    expect(before.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await before.text()).toContain("csoft_chatops_numbers_total 0");

    await runText(pager, "447700900101,447700900102 db1 is down", {
      actor: { platform: "shell", id: "u1", name: "alice" },
      surface: recordingSurface(),
    });

    const after = await (await fetch(url("/metrics"))).text();
    expect(after).toContain("csoft_chatops_numbers_total 2");
    expect(after).toContain('csoft_chatops_pages_total{platform="shell"} 1');
    expect(after).toContain('csoft_chatops_outcomes_total{outcome="accepted",report_code="-2"} 2');
  });
});

describe("the health server", () => {
  it("answers 404 elsewhere and 405 to a POST", async () => {
    const { url } = await serve([passing("slack")]);
    expect((await fetch(url("/slack/events"))).status).toBe(404);
    const post = await fetch(url("/healthz"), { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET");
  });

  it("closes, after which nothing answers on its port", async () => {
    const readiness = createReadiness([passing("slack")]);
    const server = await startHealthServer({
      port: 0,
      host: "127.0.0.1",
      routes: healthRoutes({ readiness }),
    });
    const url = `http://127.0.0.1:${server.port}/healthz`;
    expect((await fetch(url)).status).toBe(200);
    await server.close();
    await expect(fetch(url)).rejects.toThrow();
  });
});

describe("serveHealth", () => {
  it("logs and carries on without a server when PORT is taken: paging must not depend on it", async () => {
    const taken = await startHealthServer({ port: 0, host: "127.0.0.1", routes: [] });
    closers.push(() => taken.close());
    const lines: string[] = [];
    const logger = createLogger({
      destination: { write: (line: string) => void lines.push(line) },
    });

    const health = await serveHealth({
      port: taken.port,
      host: "127.0.0.1",
      portTakenByAdapter: false,
      readiness: createReadiness(),
      metrics: createMetrics({ processMetrics: false }),
      logger,
    });

    expect(health.routes).toEqual([]);
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 50, code: "EADDRINUSE", port: taken.port }),
    ]);
    await health.close();
    expect((await fetch(`http://127.0.0.1:${taken.port}/healthz`)).status).toBe(404);
  });

  it("serves an adapter's route on the port: 503 until it is mounted, then the adapter's answer", async () => {
    const port = await freePort();
    const health = await serveHealth({
      port,
      host: "127.0.0.1",
      portTakenByAdapter: false,
      readiness: createReadiness(),
      metrics: createMetrics({ processMetrics: false }),
      logger: createLogger({ level: "silent" }),
      adapterPaths: ["/discord/interactions"],
    });
    closers.push(() => health.close());
    const url = `http://127.0.0.1:${port}/discord/interactions`;
    expect((await fetch(url, { method: "POST", body: "{}" })).status).toBe(503);
    health.mount("/discord/interactions", (_request, response) => {
      response.writeHead(202).end();
    });
    expect((await fetch(url, { method: "POST", body: "{}" })).status).toBe(202);
    expect((await fetch(url)).status).toBe(405);
  });

  it("fails when an adapter needs the port and it is taken", async () => {
    const taken = await startHealthServer({ port: 0, host: "127.0.0.1", routes: [] });
    closers.push(() => taken.close());
    await expect(
      serveHealth({
        port: taken.port,
        host: "127.0.0.1",
        portTakenByAdapter: false,
        readiness: createReadiness(),
        metrics: createMetrics({ processMetrics: false }),
        logger: createLogger({ level: "silent" }),
        adapterPaths: ["/discord/interactions"],
      }),
    ).rejects.toMatchObject({ code: "EADDRINUSE" });
  });
});
