// The terminal adapter: an sms> prompt, or one /sms command per line of piped input. It owns the
// descriptor the program starts it by, the line loop (shell.ts), its Surface and who is typing.
export { shell } from "./descriptor.js";
export { runShell, type ShellOptions } from "./shell.js";
export { terminalUser } from "./user.js";
