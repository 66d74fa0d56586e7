// Confirm / Cancel buttons for a large page. The question is private to the person who typed
// the command; a click is checked against them all the same, and only the first one counts.
import type { App, BlockAction, ButtonAction, RespondFn } from "@slack/bolt";
import type { ConfirmAnswer, ConfirmQuestion, Logger } from "../../src/kit.js";
import { CONFIRM_REPLIES, PendingConfirmations } from "../../src/kit.js";
import { escapeMrkdwn, mentionUser } from "./mrkdwn.js";

const CONFIRM_ACTION = "sms_confirm";
const CANCEL_ACTION = "sms_cancel";

/** Questions waiting for a click, shown as Block Kit buttons. */
export class SlackConfirmations {
  readonly #pending = new PendingConfirmations();

  /** Posts the question privately and resolves with the requester's first click. */
  ask(
    question: ConfirmQuestion,
    expired: AbortSignal,
    respond: RespondFn,
    requester: string,
  ): Promise<ConfirmAnswer> {
    const { id, answered } = this.#pending.open(requester, expired);
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
        const clicked = this.#pending.click(
          action.value ?? "",
          body.user.id,
          action.action_id === CONFIRM_ACTION,
        );
        if (clicked.kind === "stale") {
          await respond({
            response_type: "ephemeral",
            replace_original: false,
            text: CONFIRM_REPLIES.stale,
          });
          return;
        }
        if (clicked.kind === "notRequester") {
          logger.warn({ user: body.user.id }, "someone else tried to answer a confirmation");
          await respond({
            response_type: "ephemeral",
            replace_original: false,
            text: CONFIRM_REPLIES.notRequester(mentionUser(clicked.requester)),
          });
          return;
        }
        // A cancelled page is answered by the core, which records why nothing was sent.
        await respond(
          clicked.answer === "cancelled"
            ? { delete_original: true }
            : { replace_original: true, text: CONFIRM_REPLIES.confirmed },
        );
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
