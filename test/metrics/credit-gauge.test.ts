import { describe, expect, it } from "vitest";
import { CsoftAccount } from "../../src/csoft/account.js";
import { createMetrics, observedCredit } from "../../src/metrics/index.js";
import { createPager } from "../../src/page/pager.js";
import { PIN, USERNAME, useCleanup } from "../csoft/helpers.js";
import { recordingSurface } from "../support/recording-surface.js";
import { memoryStore } from "../support/store.js";

const cleanup = useCleanup();
const NO_SENDING = {
  send: () => Promise.reject(new Error("nothing is sent")),
  close: async () => {},
};

describe("csoft_available_credit", () => {
  it("is the balance last read, by currency, and absent before any read", async () => {
    const metrics = createMetrics({ processMetrics: false });
    expect((await metrics.render()).body).not.toMatch(/^csoft_available_credit\{/m);

    const csoft = await cleanup.simulator({
      credit: { currency: "GBP", amount: "15.2345", shape: "inline" },
    });
    const account = new CsoftAccount({
      credentials: { username: USERNAME, pin: PIN },
      primaryUrl: csoft.url,
      secondaryUrl: csoft.url,
      connectTimeoutMs: 5_000,
      responseTimeoutMs: 30_000,
    });
    const pager = createPager({
      store: memoryStore(),
      transport: NO_SENDING,
      credit: observedCredit(account, metrics.observeCredit),
    });
    await pager.run(
      { kind: "credit" },
      {
        actor: { platform: "shell", id: "u", name: "u" },
        surface: recordingSurface(),
      },
    );
    await account.close();

    const { body } = await metrics.render();
    expect(body).toContain("# TYPE csoft_available_credit gauge");
    expect(body).toMatch(/^csoft_available_credit\{currency="GBP"\} 15\.2345$/m);
  });
});
