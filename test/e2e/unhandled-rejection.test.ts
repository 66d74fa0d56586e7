// A promise some library rejects where nobody awaits it is logged, and the program goes on.
import { describe, expect, it } from "vitest";
import { until } from "../support/manual-timer.js";
import { spawnCli } from "../support/run-cli.js";

// Loaded before the program: on SIGUSR2, a rejection nobody handles, as a library bug would make.
const REJECT_ON_SIGUSR2 =
  "--import=data:text/javascript,process.on('SIGUSR2',()=>void(Promise.reject(new(Error)('boom'))))";

describe("an unhandled promise rejection", () => {
  it("is logged at error, and the program keeps paging", async () => {
    const bot = spawnCli({ NODE_OPTIONS: REJECT_ON_SIGUSR2, LOG_LEVEL: "info" });
    bot.child.stdin.write("/sms 447700900123 before\n");
    await until(() => bot.stdout().includes("447700900123"), 15_000);
    bot.child.kill("SIGUSR2");
    await bot.waitForLog(/unhandled promise rejection; still running/);
    expect(bot.stderr()).toMatch(/"level":50.*"err":\{[^}]*"message":"boom"/);
    bot.child.stdin.end("/sms 447700900124 after\n");
    const { code } = await bot.exited;
    expect(code).toBe(0);
    expect(bot.stdout()).toMatch(/447700900124/);
  });
});
