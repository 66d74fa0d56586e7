// The terminal as the program knows it: no variables, no allow-list (whoever runs it holds the
// PIN), the adapter that runs when no chat is configured, printing delivery receipts as they come.

import { userInfo } from "node:os";
import type { AdapterDescriptor } from "../../src/kit.js";
import { PLATFORM } from "./platform.js";
import { printReceipts } from "./receipts.js";
import { runShell } from "./shell.js";
import { terminalUser } from "./user.js";

export const shell: AdapterDescriptor<Record<string, never>, Record<string, never>> = {
  name: PLATFORM,
  env: {},
  settings: () => ({}),
  terminal: true,
  async start(core, deps) {
    const { input, output, interactive, env, uid } = deps.terminal;
    // Receipts come on PORT while it runs (when callbacks are configured): each is printed.
    core.onReceipt?.(printReceipts(output));
    const finished = runShell({
      pager: core.pager,
      input,
      output,
      interactive,
      user: terminalUser(userInfo, env, uid),
    });
    // It ends with its input; stopping it early is the input closing, which a signal does.
    return { stop: async () => undefined, ready: () => true, finished };
  },
};
