// Slack over HTTP owns PORT: the health routes ride on Bolt's receiver, beside /slack/events.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningSlack, startSlack } from "../../adapters/slack/index.js";
import { createReadiness, type Readiness, serveHealth } from "../../src/health/index.js";
import { silentLogger } from "../../src/log.js";
import { createMetrics } from "../../src/metrics/index.js";
import { createPager } from "../../src/page/pager.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { postSigned, SECRETS } from "../slack/harness.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { memoryStore } from "../support/store.js";

let slack: FakeSlack;
let csoft: LocalCsoft;
let bot: RunningSlack;
let readiness: Readiness;
let base: string;

beforeEach(async () => {
  slack = await startFakeSlack();
  csoft = await startLocalCsoft({ account: { username: "ops", pin: SECRETS.pin } });
  const metrics = createMetrics({ processMetrics: false });
  const logger = silentLogger();
  readiness = createReadiness();
  const health = await serveHealth({
    port: 0,
    portTakenByAdapter: true,
    readiness,
    metrics,
    logger,
  });
  expect(health.routes.map((route) => route.path)).toEqual(["/healthz", "/readyz", "/metrics"]);
  bot = await startSlack({
    botToken: SECRETS.botToken,
    signingSecret: SECRETS.signingSecret,
    port: 0,
    apiUrl: slack.apiUrl,
    pager: createPager({
      store: memoryStore(),
      transport: csoft.client,
      logger,
      onPageDone: metrics.observePage,
    }),
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
    customRoutes: [...health.routes],
  });
  base = `http://127.0.0.1:${bot.port}`;
});

afterEach(async () => {
  await bot.stop();
  await csoft.close();
  await slack.close();
});

async function postSms(text: string): Promise<number> {
  const fields = {
    command: "/sms",
    text,
    user_id: "UCALLER1",
    channel_id: "C0PAGES",
    team_id: "T0001",
    response_url: slack.responseUrl("health"),
    trigger_id: "1337.42.health",
  };
  const response = await postSigned(`${base}/slack/events`, fields);
  return response.status;
}

describe("health and metrics on Slack's HTTP port", () => {
  it("serves /healthz and /readyz beside /slack/events, unsigned", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    readiness.add({ name: "slack", check: () => true });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: { slack: true } });
  });

  it("counts a signed /sms in /metrics once its page is done", async () => {
    const before = await (await fetch(`${base}/metrics`)).text();
    expect(before).toContain("csoft_chatops_numbers_total 0");

    expect(await postSms("447700900101,447700900115 db1 is down")).toBe(200);
    await slack.until(() => slack.callsOf("chat.postMessage").some((c) => c.params.thread_ts));

    const after = await (await fetch(`${base}/metrics`)).text();
    expect(after).toContain('csoft_chatops_pages_total{platform="slack"} 1');
    expect(after).toContain("csoft_chatops_numbers_total 2");
    expect(after).toContain('csoft_chatops_outcomes_total{outcome="failed",report_code="15"} 1');
  });
});
