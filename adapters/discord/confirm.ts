// Confirm / Cancel buttons for a large page. The question is an ephemeral follow-up only the
// requester sees; a click is checked against them all the same, and only the first one counts.
import {
  ActionRowBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  ButtonBuilder,
  ButtonStyle,
} from "discord.js";
import type { ConfirmAnswer, ConfirmQuestion } from "../../src/kit.js";
import { CONFIRM_REPLIES, PendingConfirmations } from "../../src/kit.js";
import type { InteractionReplies } from "./replies.js";

type ButtonRow = APIActionRowComponent<APIComponentInMessageActionRow>;

const PREFIX = "sms-confirm:";
const CONFIRM = "yes";
const CANCEL = "no";

/** Questions waiting for a click, shown as message components. */
export class DiscordConfirmations {
  readonly #pending = new PendingConfirmations();

  /** Registers a question; `post` shows it with the components given. Resolves with the first valid click. */
  async ask(
    question: ConfirmQuestion,
    expired: AbortSignal,
    post: (content: string, components: ButtonRow[]) => Promise<unknown>,
  ): Promise<ConfirmAnswer> {
    const { id, answered } = this.#pending.open(question.actor.id, expired);
    await post(question.text, [buttons(id)]);
    return answered;
  }

  /** True when the button is one of ours. */
  owns(customId: string): boolean {
    return customId.startsWith(PREFIX);
  }

  /** Answers a click on one of our buttons, by `userId`, through the click's replies. */
  async handle(customId: string, userId: string, interaction: InteractionReplies): Promise<void> {
    const [, choice, id = ""] = customId.split(":");
    const clicked = this.#pending.click(id, userId, choice === CONFIRM);
    if (clicked.kind === "stale") {
      await interaction.reply({ content: CONFIRM_REPLIES.stale, ephemeral: true });
      return;
    }
    if (clicked.kind === "notRequester") {
      await interaction.reply({
        content: CONFIRM_REPLIES.notRequester(`<@${clicked.requester}>`),
        ephemeral: true,
      });
      return;
    }
    // A cancelled page is answered by the core, which records why nothing was sent.
    await interaction.update(
      clicked.answer === "cancelled"
        ? { components: [] }
        : { content: CONFIRM_REPLIES.confirmed, components: [] },
    );
  }
}

function buttons(id: string): ButtonRow {
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
