import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { CommandContext, Pager } from "../../src/kit.js";
import { type CommandOutcome, parseCommand, worstOutcome } from "../../src/kit.js";
import { PLATFORM } from "./platform.js";
import { type Ask, createShellSurface } from "./surface.js";

export interface ShellOptions {
  pager: Pager;
  input: Readable;
  output: Writable;
  /** A prompt for a person at a terminal; without it, one command per line, in order. */
  interactive: boolean;
  /** Who is at the terminal: the sender of its pages, in the output and the history. */
  user: string;
}

const PROMPT = "sms> ";
const QUIT_WORDS = new Set(["exit", "quit"]);

/** `/sms …` or just `…`: the terminal is already the /sms prompt. Blank and `#` lines are skipped. */
function commandText(line: string): string | undefined {
  const trimmed = line.trim();
  if (trimmed === "" || trimmed.startsWith("#")) return undefined;
  return trimmed;
}

/**
 * Runs commands from the input until it ends (or `exit`), each to completion before the next.
 * Resolves to the worst outcome of them all: done when there were none.
 */
export async function runShell(options: ShellOptions): Promise<CommandOutcome> {
  const { pager, input, output, interactive, user } = options;
  const lines = createInterface({
    input,
    ...(interactive && { output, prompt: PROMPT }),
    terminal: interactive,
  });
  const ask: Ask = (question, signal) =>
    new Promise((resolve, reject) => {
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
      lines.question(question, { signal }, resolve);
    });
  const ctx: CommandContext = {
    actor: { platform: PLATFORM, id: user, name: user },
    surface: createShellSurface(output, interactive ? ask : undefined),
  };
  // Nobody is reading any more (a closed pipe): take no further commands. The page in hand
  // still finishes, and its outcome is in the history.
  output.on("error", () => lines.close());
  // The input may end while a command runs; a prompt after that throws on Node 24.
  let closed = false;
  lines.once("close", () => {
    closed = true;
  });
  if (interactive) {
    output.write("Type /sms help for the grammar, exit to leave.\n");
    lines.prompt();
  }
  let worst: CommandOutcome = "done";
  for await (const line of lines) {
    const text = commandText(line);
    if (text !== undefined) {
      if (QUIT_WORDS.has(text)) break;
      worst = worstOutcome(worst, await pager.run(parseCommand(text), ctx));
    }
    if (interactive && !closed) lines.prompt();
  }
  lines.close();
  return worst;
}
