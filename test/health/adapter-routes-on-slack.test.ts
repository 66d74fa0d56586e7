// Slack over HTTP owns PORT and Discord over HTTP runs in the same process: Discord's endpoint
// rides on Bolt's receiver, which hands it the request with its body unread.
import { text } from "node:stream/consumers";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSlack, startSlack } from "../../adapters/slack/index.js";
import { createReadiness, serveHealth } from "../../src/health/index.js";
import { silentLogger } from "../../src/log.js";
import { createMetrics } from "../../src/metrics/index.js";
import { createPager } from "../../src/page/pager.js";
import { type FakeSlack, startFakeSlack } from "../slack/fake-slack.js";
import { SECRETS } from "../slack/harness.js";
import { type LocalCsoft, startLocalCsoft } from "../support/csoft.js";
import { memoryStore } from "../support/store.js";

let slack: FakeSlack | undefined;
let csoft: LocalCsoft | undefined;
let bot: RunningSlack | undefined;

afterEach(async () => {
  await bot?.stop();
  await csoft?.close();
  await slack?.close();
});

describe("an adapter's route on Slack's HTTP port", () => {
  it("answers 503 until mounted, then gets the POST with its body as sent", async () => {
    slack = await startFakeSlack();
    csoft = await startLocalCsoft();
    const logger = silentLogger();
    const health = await serveHealth({
      port: 0,
      portTakenByAdapter: true,
      readiness: createReadiness(),
      metrics: createMetrics({ processMetrics: false }),
      logger,
      adapterPaths: ["/discord/interactions"],
    });
    bot = await startSlack({
      botToken: SECRETS.botToken,
      signingSecret: SECRETS.signingSecret,
      port: 0,
      apiUrl: slack.apiUrl,
      pager: createPager({ store: memoryStore(), transport: csoft.client, logger }),
      logger,
      customRoutes: [...health.routes],
    });
    const url = `http://127.0.0.1:${bot.port}/discord/interactions`;
    const body = JSON.stringify({ type: 1, note: "x".repeat(10_000) });
    expect((await fetch(url, { method: "POST", body })).status).toBe(503);

    health.mount("/discord/interactions", (request, response) => {
      void text(request).then((received) => {
        response.writeHead(200, { "content-type": "text/plain" }).end(received);
      });
    });
    const answer = await fetch(url, { method: "POST", body });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe(body);
  });
});
