// Confirm / Cancel buttons for a large page. The question is stored by the core; this file
// shows it privately, reads a click on it and hands the click over, in whichever process
// Slack delivers it to.
import type {
  App,
  BlockAction,
  ButtonAction,
  RespondArguments,
  RespondFn,
  webApi,
} from "@slack/bolt";
import type { StoredQuestion } from "../../src/kit.js";
import { escapeMrkdwn } from "./mrkdwn.js";

const CONFIRM_ACTION = "sms_confirm";
const CANCEL_ACTION = "sms_cancel";

/** The question as an ephemeral message whose buttons carry its id. */
export function questionMessage(question: StoredQuestion): RespondArguments {
  return {
    response_type: "ephemeral",
    text: question.text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(question.text) } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: CONFIRM_ACTION,
            style: "danger",
            text: { type: "plain_text", text: "Confirm: send it" },
            value: question.id,
          },
          {
            type: "button",
            action_id: CANCEL_ACTION,
            text: { type: "plain_text", text: "Cancel" },
            value: question.id,
          },
        ],
      },
    ],
  };
}

/** A click on Confirm or Cancel: which question, who clicked, where, and how to answer them. */
export interface QuestionClickEvent {
  questionId: string;
  answer: "confirmed" | "cancelled";
  userId: string;
  channelId: string;
  respond: RespondFn;
  client: webApi.WebClient;
}

/** Listens for clicks on the buttons; `handle` runs each one. */
export function onQuestionClick(app: App, handle: (click: QuestionClickEvent) => Promise<void>) {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: new RegExp(`^(${CONFIRM_ACTION}|${CANCEL_ACTION})$`) },
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const channelId = body.channel?.id ?? body.container?.channel_id;
      if (channelId === undefined) return;
      await handle({
        questionId: action.value ?? "",
        answer: action.action_id === CONFIRM_ACTION ? "confirmed" : "cancelled",
        userId: body.user.id,
        channelId,
        respond,
        client,
      });
    },
  );
}
