import { createServer, type Server } from "node:http";
import { text as readBody } from "node:stream/consumers";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../support/manual-timer.js";
import { freePort, type LiveCli, spawnCli } from "../support/run-cli.js";

let receiver: Server | undefined;
let cli: LiveCli | undefined;
afterEach(async () => {
  await cli?.stop();
  await new Promise((resolve) => receiver?.close(resolve) ?? resolve(undefined));
});

/** Stands on PORT, recording what is posted there: the terminal must leave it alone. */
async function listenForReceipts(): Promise<{
  port: number;
  posts: { path: string; body: string }[];
}> {
  const posts: { path: string; body: string }[] = [];
  receiver = createServer(async (request, response) => {
    posts.push({ path: request.url ?? "", body: await readBody(request) });
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => receiver?.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as { port: number };
  return { port, posts };
}

/** Waits until the program's output shows `pattern`, or ten seconds have passed. */
async function untilOutput(live: LiveCli, pattern: RegExp): Promise<void> {
  await until(() => pattern.test(live.stdout()), 10_000);
}

describe("the demo's simulator with callbacks configured", () => {
  it("posts each page's receipts to the bot's own /csoft/receipts on PORT, which the terminal prints", async () => {
    cli = spawnCli({
      PORT: String(await freePort()),
      CSOFT_CALLBACK_USERNAME: "hooks",
      CSOFT_CALLBACK_PIN: "c4llb4ck",
      SIMULATOR_RECEIPT_DELAY_MS: "100",
    });
    const live = cli;
    live.child.stdin.write("/sms 447700900042,447700900009 db1 is down\n");
    await untilOutput(live, /receipt page #1 447700900042: delivered at /);
    await untilOutput(live, /receipt page #1 447700900009: NOT DELIVERED: code 27 /);
    live.child.stdin.write("/sms status 447700900042\n");
    await untilOutput(live, /delivery: delivered/);
    live.child.stdin.end();
    expect((await live.exited).code).toBe(0);
    // Each receipt was taken once: the credentials matched, nothing was refused or repeated.
    expect(live.stdout().match(/receipt page #1 /g)).toHaveLength(2);
    expect(live.stdout()).not.toContain("(again)");
    expect(live.stdout() + live.stderr()).not.toContain("c4llb4ck");
  });

  it("posts nothing without callback credentials, and the terminal opens no port", async () => {
    const { port, posts } = await listenForReceipts();
    cli = spawnCli({ PORT: String(port), SIMULATOR_RECEIPT_DELAY_MS: "0" });
    cli.child.stdin.end("/sms 447700900042 db1 is down\n");
    expect((await cli.exited).code).toBe(0);
    expect(posts).toEqual([]);
  });
});
