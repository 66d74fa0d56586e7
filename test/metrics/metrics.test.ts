import { describe, expect, it } from "vitest";
import type { CsoftClientOptions } from "../../src/csoft/client.js";
import { createMetrics, type Metrics } from "../../src/metrics/index.js";
import { createPager } from "../../src/page/pager.js";
import type { PageReport } from "../../src/page/types.js";
import { clientOptions, useCleanup } from "../csoft/helpers.js";
import { recordingSurface } from "../support/recording-surface.js";
import { runText } from "../support/run-text.js";
import { memoryStore } from "../support/store.js";

const cleanup = useCleanup();

/** A real pager on a real CsoftClient, with its pages counted by `metrics`. */
function pagerFor(metrics: Metrics, options: CsoftClientOptions) {
  const client = cleanup.client(options);
  const pager = createPager({
    store: memoryStore(),
    transport: client,
    onPageDone: metrics.observePage,
  });
  return (text: string) =>
    runText(pager, text, {
      actor: { platform: "slack", id: "U1", name: "alice" },
      surface: recordingSurface(),
    });
}

/** The value of one sample line of the exposition text, e.g. `name{label="x"}`; 0 when absent. */
async function sample(metrics: Metrics, series: string): Promise<number> {
  const { body } = await metrics.render();
  const line = body.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

describe("/metrics counts", () => {
  it("change after a real page through the pager and the simulator", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const csoft = await cleanup.simulator();
    const page = pagerFor(metrics, clientOptions(csoft, csoft));
    expect(await sample(metrics, "csoft_chatops_numbers_total")).toBe(0);

    await page("447700900101,447700900115,447700900100 db1 is down");

    expect(await sample(metrics, 'csoft_chatops_pages_total{platform="slack"}')).toBe(1);
    expect(await sample(metrics, "csoft_chatops_numbers_total")).toBe(3);
    expect(
      await sample(metrics, 'csoft_chatops_outcomes_total{outcome="accepted",report_code="-2"}'),
    ).toBe(1);
    expect(
      await sample(metrics, 'csoft_chatops_outcomes_total{outcome="failed",report_code="15"}'),
    ).toBe(1);
    expect(
      await sample(metrics, 'csoft_chatops_outcomes_total{outcome="delivered",report_code="0"}'),
    ).toBe(1);
    expect(await sample(metrics, "csoft_chatops_failovers_total")).toBe(0);
    expect(
      await sample(metrics, 'csoft_chatops_csoft_request_duration_seconds_count{server="primary"}'),
    ).toBe(1);

    await page("447700900102 db1 is still down");

    expect(await sample(metrics, 'csoft_chatops_pages_total{platform="slack"}')).toBe(2);
    expect(await sample(metrics, "csoft_chatops_numbers_total")).toBe(4);
    expect(
      await sample(metrics, 'csoft_chatops_outcomes_total{outcome="accepted",report_code="-2"}'),
    ).toBe(2);
  });

  it("count a failover and time the request under the server that answered", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const { primary, secondary } = await cleanup.pair();
    await primary.setFault("refuse");
    const page = pagerFor(metrics, clientOptions(primary, secondary));

    await page("447700900101 db1 is down");

    expect(await sample(metrics, "csoft_chatops_failovers_total")).toBe(1);
    expect(
      await sample(
        metrics,
        'csoft_chatops_csoft_request_duration_seconds_count{server="secondary"}',
      ),
    ).toBe(1);
    expect(
      await sample(metrics, 'csoft_chatops_csoft_request_duration_seconds_count{server="primary"}'),
    ).toBe(0);
  });

  it("count an answer lost after sending as unknown, with no report code and no server", async () => {
    const metrics = createMetrics({ processMetrics: false });
    const csoft = await cleanup.simulator();
    await csoft.setFault("hang");
    const page = pagerFor(metrics, clientOptions(csoft, csoft, { responseTimeoutMs: 100 }));

    await page("447700900101,447700900102 db1 is down");

    expect(
      await sample(metrics, 'csoft_chatops_outcomes_total{outcome="unknown",report_code="none"}'),
    ).toBe(2);
    expect(
      await sample(metrics, 'csoft_chatops_csoft_request_duration_seconds_count{server="none"}'),
    ).toBe(1);
  });
});

describe("createMetrics", () => {
  it("exposes the Node process metrics by default, in the Prometheus text format", async () => {
    const { contentType, body } = await createMetrics().render();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(body).toContain("# TYPE process_cpu_user_seconds_total counter");
    expect(body).toContain("# TYPE nodejs_eventloop_lag_seconds gauge");
    expect(body).toContain("# TYPE csoft_chatops_csoft_request_duration_seconds histogram");
  });

  it("leaves them out when asked, and two registries in one process do not collide", async () => {
    const first = createMetrics({ processMetrics: false });
    const second = createMetrics({ processMetrics: false });
    const { body } = await second.render();
    expect(body).not.toContain("process_cpu_user_seconds_total");
    expect(body).toContain("# TYPE csoft_chatops_pages_total counter");
    expect(first.registry).not.toBe(second.registry);
  });

  it("never lets a malformed report escape from the pager's hook", () => {
    const metrics = createMetrics({ processMetrics: false });
    expect(() => metrics.observePage({} as PageReport, [])).not.toThrow();
  });
});
