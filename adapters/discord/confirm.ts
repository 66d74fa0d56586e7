// Confirm / Cancel buttons for a large page. The question is stored by the core; this file
// builds its buttons and reads a click on them, in whichever process Discord delivers it to.
import {
  ActionRowBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonBuilder,
  ButtonStyle,
} from "discord.js";
import type { AskedHere, CommandContext, Pager } from "../../src/kit.js";
import { CONFIRM_REPLIES } from "../../src/kit.js";
import type { InteractionReplies } from "./replies.js";
import type { DiscordSurface } from "./surface.js";

export type ButtonRow = APIActionRowComponent<APIComponentInMessageActionRow>;

const PREFIX = "sms-confirm:";
const CONFIRM = "yes";
const CANCEL = "no";

/** Confirm / Cancel under a stored question; each button carries the question's id. */
export function questionButtons(id: string): ButtonRow {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${PREFIX}${CONFIRM}:${id}`)
      .setLabel("Confirm: send it")
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder()
      .setCustomId(`${PREFIX}${CANCEL}:${id}`)
      .setLabel("Cancel")
      .setStyle(ButtonStyle.Secondary),
  );
  return row.toJSON();
}

/** The question and answer a button carries; undefined when the button is not one of ours. */
export function questionClickOf(
  customId: string,
): { questionId: string; answer: "confirmed" | "cancelled" } | undefined {
  if (!customId.startsWith(PREFIX)) return undefined;
  const [choice, questionId = ""] = customId.slice(PREFIX.length).split(":");
  return { questionId, answer: choice === CONFIRM ? "confirmed" : "cancelled" };
}

/**
 * A click on Confirm or Cancel: the core claims the question, whichever process asked it. The
 * page answers in its command's own reply when it was asked here (the question then loses its
 * buttons); else from the click, deferred within Discord's 3 s.
 */
export async function answerClick(
  replies: InteractionReplies,
  click: { questionId: string; answer: "confirmed" | "cancelled" },
  ctx: CommandContext & { surface: DiscordSurface },
  pager: Pager,
  asked: AskedHere,
) {
  const here = asked.surface(click.questionId);
  await pager.answer(
    {
      ...click,
      replyToClicker: async (content) => {
        await replies.reply({ content, ephemeral: true });
      },
      async closeQuestion(answer) {
        asked.forget(click.questionId);
        if (here === undefined) {
          await (answer === "confirmed" ? ctx.surface.defer() : ctx.surface.deferPrivately());
          return;
        }
        // A cancelled page is answered by the core, which records why nothing was sent.
        await replies.update(
          answer === "cancelled"
            ? { components: [] }
            : { content: CONFIRM_REPLIES.confirmed, components: [] },
        );
      },
    },
    { ...ctx, surface: here ?? ctx.surface },
  );
}
