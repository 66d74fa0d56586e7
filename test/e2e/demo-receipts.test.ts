import { createServer, type Server } from "node:http";
import { text as readBody } from "node:stream/consumers";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../support/manual-timer.js";
import { type LiveCli, spawnCli } from "../support/run-cli.js";

let receiver: Server | undefined;
let cli: LiveCli | undefined;
afterEach(async () => {
  await cli?.stop();
  await new Promise((resolve) => receiver?.close(resolve) ?? resolve(undefined));
});

/** Stands where the bot's own /csoft/receipts listens on PORT, recording what is posted. */
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

describe("the demo's simulator with callbacks configured", () => {
  it("posts each page's receipts to /csoft/receipts on PORT with the callback credentials", async () => {
    const { port, posts } = await listenForReceipts();
    cli = spawnCli({
      PORT: String(port),
      CSOFT_CALLBACK_USERNAME: "hooks",
      CSOFT_CALLBACK_PIN: "c4llb4ck",
      SIMULATOR_RECEIPT_DELAY_MS: "100",
    });
    cli.child.stdin.write("/sms 447700900042,447700900009 db1 is down\n");
    await until(() => posts.length === 2, 20_000);
    cli.child.stdin.end();
    expect((await cli.exited).code).toBe(0);

    expect(posts.map((post) => post.path)).toEqual(["/csoft/receipts", "/csoft/receipts"]);
    const fields = posts
      .map((post) => new URLSearchParams(post.body))
      .sort((a, b) => String(a.get("SendTo")).localeCompare(String(b.get("SendTo"))));
    expect(
      fields.map((form) => [
        form.get("Username"),
        form.get("PIN"),
        form.get("SendTo"),
        form.get("Report"),
      ]),
    ).toEqual([
      ["hooks", "c4llb4ck", "447700900009", "27"],
      ["hooks", "c4llb4ck", "447700900042", "0"],
    ]);
    expect(cli.stdout() + cli.stderr()).not.toContain("c4llb4ck");
  });

  it("posts nothing without callback credentials", async () => {
    const { port, posts } = await listenForReceipts();
    cli = spawnCli({ PORT: String(port), SIMULATOR_RECEIPT_DELAY_MS: "0" });
    cli.child.stdin.end("/sms 447700900042 db1 is down\n");
    expect((await cli.exited).code).toBe(0);
    expect(posts).toEqual([]);
  });
});
