// A server that answers every request at once, in a process of its own: the floor under the
// acknowledgement of a bot that runs as a process of its own (scheduling included).
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const send = process.send?.bind(process);
if (!send) throw new Error("bare-process.ts runs as a child process with an IPC channel");

const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => response.end());
});
server.listen(0, "127.0.0.1");
await once(server, "listening");
// The parent going away ends this process: nothing else keeps it.
process.on("disconnect", () => {
  server.closeAllConnections();
  server.close();
});
send({ port: (server.address() as AddressInfo).port });
