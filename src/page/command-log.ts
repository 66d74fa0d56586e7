import { childLogger, type Logger } from "../log.js";
import type { CommandOrigin } from "./types.js";

/**
 * A child logger per command: every line about it carries its request key (`slack:<trigger_id>`,
 * `discord:<interaction id>`), who typed it and where, so that its lines can be found together.
 */
export function commandLoggers(logger: Logger): (ctx: CommandOrigin) => Logger {
  const children = new WeakMap<CommandOrigin, Logger>();
  return (ctx) => {
    let child = children.get(ctx);
    if (child === undefined) {
      child = childLogger(logger, {
        ...(ctx.requestKey !== undefined && { requestKey: ctx.requestKey }),
        actor: ctx.actor.id,
        platform: ctx.actor.platform,
        ...(ctx.channelId !== undefined && { channel: ctx.channelId }),
      });
      children.set(ctx, child);
    }
    return child;
  };
}
