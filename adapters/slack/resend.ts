// The private "Resend to the N unknown numbers" button. The core decides when it is offered
// and what a click does; this file only shows it and hands the click over.
import type {
  App,
  BlockAction,
  ButtonAction,
  RespondArguments,
  RespondFn,
  webApi,
} from "@slack/bolt";
import type { ResendOffer } from "../../src/kit.js";
import { escapeMrkdwn } from "./mrkdwn.js";

const RESEND_ACTION = "sms_resend";

/** The offer as an ephemeral message with one button; it stays, beside what follows. */
export function resendMessage(offer: ResendOffer): RespondArguments {
  return {
    response_type: "ephemeral",
    replace_original: false,
    text: offer.text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(offer.text) } },
      {
        type: "actions",
        elements: [
          {
            type: "button",
            action_id: RESEND_ACTION,
            style: "danger",
            text: { type: "plain_text", text: offer.label },
            value: String(offer.pageId),
          },
        ],
      },
    ],
  };
}

/** A click on the button: which page, who clicked, where, and how to answer them. */
export interface ResendClick {
  pageId: number;
  userId: string;
  channelId: string;
  /** Answers privately, as new messages: the offer itself stays in place. */
  respond: RespondFn;
  client: webApi.WebClient;
}

/** Listens for clicks on the button; `handle` runs each one. */
export function onResendClick(app: App, handle: (click: ResendClick) => Promise<void>): void {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: RESEND_ACTION },
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const channelId = body.channel?.id ?? body.container?.channel_id;
      if (channelId === undefined) return;
      await handle({
        pageId: Number(action.value),
        userId: body.user.id,
        channelId,
        respond: (message) =>
          respond(
            typeof message === "string"
              ? { replace_original: false, text: message }
              : { replace_original: false, ...message },
          ),
        client,
      });
    },
  );
}
