import { parseCommand } from "../../src/command/index.js";
import type { CommandOutcome } from "../../src/page/outcome.js";
import type { Pager } from "../../src/page/pager.js";
import type { CommandContext } from "../../src/page/types.js";

/** Runs a command typed as text, as the terminal does: the grammar's input, then the pager. */
export function runText(pager: Pager, text: string, ctx: CommandContext): Promise<CommandOutcome> {
  return pager.run(parseCommand(text), ctx);
}
