// Confirm / Cancel buttons for a large page. The question is private to the person who typed
// the command; a click is checked against them all the same, and only the first one counts.
import { randomUUID } from "node:crypto";
import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { Logger } from "../../src/log.js";
import type { ConfirmAnswer, ConfirmQuestion } from "../../src/page/types.js";
import { escapeMrkdwn, mentionUser } from "./mrkdwn.js";

export const CONFIRM_ACTION = "sms_confirm";
export const CANCEL_ACTION = "sms_cancel";

interface Pending {
  requester: string;
  answer(answer: "confirmed" | "cancelled"): void;
}

/** Questions waiting for a click, by the id their buttons carry. */
export class SlackConfirmations {
  readonly #pending = new Map<string, Pending>();

  /** Posts the question privately and resolves with the requester's first click. */
  ask(
    question: ConfirmQuestion,
    expired: AbortSignal,
    respond: RespondFn,
    requester: string,
  ): Promise<ConfirmAnswer> {
    const id = randomUUID();
    const answered = new Promise<ConfirmAnswer>((resolve) => {
      this.#pending.set(id, { requester, answer: resolve });
      expired.addEventListener(
        "abort",
        () => {
          this.#pending.delete(id);
          resolve("expired");
        },
        { once: true },
      );
    });
    return respond({
      response_type: "ephemeral",
      text: question.text,
      blocks: questionBlocks(question, id),
    }).then(() => answered);
  }

  /** Listens for the buttons' clicks on the app. */
  register(app: App, logger: Logger): void {
    app.action<BlockAction<ButtonAction>>(
      { type: "block_actions", action_id: new RegExp(`^(${CONFIRM_ACTION}|${CANCEL_ACTION})$`) },
      async ({ ack, action, body, respond }) => {
        await ack();
        const pending = this.#pending.get(action.value ?? "");
        // Answered or expired already: a second click does nothing.
        if (pending === undefined) return;
        if (body.user.id !== pending.requester) {
          logger.warn({ user: body.user.id }, "someone else tried to answer a confirmation");
          await respond({
            response_type: "ephemeral",
            replace_original: false,
            text: `Only ${mentionUser(pending.requester)} can confirm or cancel this page.`,
          });
          return;
        }
        this.#pending.delete(action.value ?? "");
        const confirmed = action.action_id === CONFIRM_ACTION;
        pending.answer(confirmed ? "confirmed" : "cancelled");
        await respond({
          replace_original: true,
          text: confirmed ? "Confirmed: paging now." : "Cancelled: nothing was sent.",
        });
      },
    );
  }
}

function questionBlocks(question: ConfirmQuestion, id: string) {
  return [
    { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(question.text) } },
    {
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: CONFIRM_ACTION,
          style: "danger",
          text: { type: "plain_text", text: "Confirm: send it" },
          value: id,
        },
        {
          type: "button",
          action_id: CANCEL_ACTION,
          text: { type: "plain_text", text: "Cancel" },
          value: id,
        },
      ],
    },
  ];
}
