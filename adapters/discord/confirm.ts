// Confirm / Cancel buttons for a large page. The question is an ephemeral follow-up only the
// requester sees; a click is checked against them all the same, and only the first one counts.
import { randomUUID } from "node:crypto";
import {
  ActionRowBuilder,
  ButtonBuilder,
  type ButtonInteraction,
  ButtonStyle,
  MessageFlags,
} from "discord.js";
import type { ConfirmAnswer, ConfirmQuestion } from "../../src/page/types.js";

const PREFIX = "sms-confirm:";
const CONFIRM = "yes";
const CANCEL = "no";

interface Pending {
  requester: string;
  answer(answer: "confirmed" | "cancelled"): void;
}

/** Questions waiting for a click, by the id their buttons carry. */
export class DiscordConfirmations {
  readonly #pending = new Map<string, Pending>();

  /** Registers a question; `post` shows it with the components given. Resolves with the first valid click. */
  async ask(
    question: ConfirmQuestion,
    expired: AbortSignal,
    post: (content: string, components: ActionRowBuilder<ButtonBuilder>[]) => Promise<unknown>,
  ): Promise<ConfirmAnswer> {
    const id = randomUUID();
    const answered = new Promise<ConfirmAnswer>((resolve) => {
      this.#pending.set(id, { requester: question.actor.id, answer: resolve });
      expired.addEventListener(
        "abort",
        () => {
          this.#pending.delete(id);
          resolve("expired");
        },
        { once: true },
      );
    });
    await post(question.text, [buttons(id)]);
    return answered;
  }

  /** True when the button is one of ours. */
  owns(customId: string): boolean {
    return customId.startsWith(PREFIX);
  }

  async handle(interaction: ButtonInteraction): Promise<void> {
    const [, choice, id = ""] = interaction.customId.split(":");
    const pending = this.#pending.get(id);
    if (pending === undefined) {
      // Answered or expired already: a second click does nothing (but must be acknowledged).
      await interaction.deferUpdate();
      return;
    }
    if (interaction.user.id !== pending.requester) {
      await interaction.reply({
        content: `Only <@${pending.requester}> can confirm or cancel this page.`,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      });
      return;
    }
    this.#pending.delete(id);
    const confirmed = choice === CONFIRM;
    pending.answer(confirmed ? "confirmed" : "cancelled");
    await interaction.update({
      content: confirmed ? "Confirmed: paging now." : "Cancelled: nothing was sent.",
      components: [],
    });
  }
}

function buttons(id: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(`${PREFIX}${CONFIRM}:${id}`)
      .setLabel("Confirm: send it")
      .setStyle(ButtonStyle.Danger),
    new ButtonBuilder()
      .setCustomId(`${PREFIX}${CANCEL}:${id}`)
      .setLabel("Cancel")
      .setStyle(ButtonStyle.Secondary),
  );
}
