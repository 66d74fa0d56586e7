// The "Resend to the N unknown numbers" button. The core decides when it is offered and what a
// click does; this file only builds the button and reads a click on it.
import {
  ActionRowBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonBuilder,
  ButtonStyle,
} from "discord.js";
import type { ResendOffer } from "../../src/kit.js";

const PREFIX = "sms-resend:";

export function resendButton(
  offer: ResendOffer,
): APIActionRowComponent<APIComponentInMessageActionRow> {
  return new ActionRowBuilder<ButtonBuilder>()
    .addComponents(
      new ButtonBuilder()
        .setCustomId(`${PREFIX}${offer.pageId}`)
        .setLabel(offer.label)
        .setStyle(ButtonStyle.Danger),
    )
    .toJSON();
}

/** The page a resend button is for; undefined when the button is not one. */
export function resendPageId(customId: string): number | undefined {
  if (!customId.startsWith(PREFIX)) return undefined;
  const pageId = Number(customId.slice(PREFIX.length));
  return Number.isSafeInteger(pageId) && pageId > 0 ? pageId : undefined;
}
