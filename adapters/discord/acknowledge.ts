// The Acknowledge button on a page's parent message. The core acknowledges and says so in the
// thread; this file builds the button, hands a click over, and puts who acknowledged in its place.
import { ActionRowBuilder, ButtonBuilder, ButtonStyle } from "discord.js";
import type { CommandContext, Pager, Surface } from "../../src/kit.js";
import type { ButtonRow } from "./confirm.js";
import { DISCORD_LIMITS, truncate } from "./limits.js";
import type { InteractionReplies } from "./replies.js";

const PREFIX = "sms-ack:";
/** Discord caps a button's label. */
const LABEL_MAX = 80;

/** The button under a parent message, carrying the page's history id. */
export function acknowledgeRow(pageId: number): ButtonRow {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder()
        .setCustomId(`${PREFIX}${pageId}`)
        .setLabel("Acknowledge")
        .setStyle(ButtonStyle.Success),
    )
    .toJSON();
}

/** Who acknowledged, in the button's place: a disabled button that says so. */
export function acknowledgedRow(shown: string): ButtonRow {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder()
        .setCustomId(`${PREFIX}done`)
        .setLabel(truncate(shown, LABEL_MAX))
        .setStyle(ButtonStyle.Secondary)
        .setDisabled(true),
    )
    .toJSON();
}

/** The page an Acknowledge button is for; undefined when the button is not one. */
export function acknowledgePageId(customId: string): number | undefined {
  if (!customId.startsWith(PREFIX)) return undefined;
  const pageId = Number(customId.slice(PREFIX.length));
  return Number.isSafeInteger(pageId) && pageId > 0 ? pageId : undefined;
}

/**
 * A click: answered at once by a deferred update of the message it is on (within Discord's
 * 3 s), then acknowledged by the core, then that message shows who acknowledged.
 */
export async function acknowledgeClick(
  ctx: CommandContext,
  replies: InteractionReplies,
  pageId: number,
  pager: Pager,
): Promise<void> {
  await replies.deferUpdate();
  const surface: Surface = {
    replyPrivately: async (text) => {
      await replies.followUp({ content: truncate(text, DISCORD_LIMITS.content), ephemeral: true });
    },
    // An acknowledgement posts no page: its notes go to the page's thread.
    announce: async () => ({ report: async () => {} }),
  };
  const result = await pager.acknowledge(pageId, { actor: ctx.actor, surface });
  await replies.editReply({ components: [acknowledgedRow(result.shown)] });
}
