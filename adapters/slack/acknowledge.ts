// The Acknowledge button on a page's parent message. The core acknowledges and says so in the
// thread; this file shows the button, hands the click over, and puts who acknowledged in the
// button's place.
import type { App, BlockAction, ButtonAction, types, webApi } from "@slack/bolt";
import type { Logger, Pager, Surface } from "../../src/kit.js";
import { PLATFORM } from "./platform.js";

const ACKNOWLEDGE_ACTION = "sms_acknowledge";

/** The button under a parent message, carrying the page's history id. */
export function acknowledgeBlock(pageId: number): types.ActionsBlock {
  return {
    type: "actions",
    block_id: "sms_acknowledge",
    elements: [
      {
        type: "button",
        action_id: ACKNOWLEDGE_ACTION,
        style: "primary",
        text: { type: "plain_text", text: "Acknowledge" },
        value: String(pageId),
      },
    ],
  };
}

/** Who acknowledged, how and when: the line that takes the button's place. */
export function acknowledgedContext(shown: string): types.ContextBlock {
  return { type: "context", elements: [{ type: "plain_text", text: shown, emoji: true }] };
}

/** The parent message with `shown` where the button was. */
function acknowledgedBlocks(blocks: readonly types.KnownBlock[], shown: string) {
  return blocks.map(
    (block): types.KnownBlock =>
      block.type === "actions" && block.block_id === "sms_acknowledge"
        ? acknowledgedContext(shown)
        : block,
  );
}

/** Listens for clicks on the button: each acknowledges, then the parent shows who did. */
export function onAcknowledgeClick(
  app: App,
  pager: Pager,
  logger: Logger,
  track: (work: Promise<void>) => void,
): void {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: ACKNOWLEDGE_ACTION },
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const tell = async (text: string) => {
        await respond({ response_type: "ephemeral", replace_original: false, text });
      };
      const surface: Surface = {
        replyPrivately: tell,
        // An acknowledgement posts no page: its notes go to the page's thread.
        announce: async () => ({ report: async () => {} }),
      };
      const actor = { platform: PLATFORM, id: body.user.id, name: body.user.name ?? body.user.id };
      const work = pager
        .acknowledge(Number(action.value), { actor, surface })
        .then((result) => showOnParent(client, body, result.shown))
        .catch((error: unknown) => {
          logger.error({ err: error }, "could not acknowledge a page from its button");
        });
      track(work);
      await work;
    },
  );
}

/** Puts who acknowledged in place of the button, in the message that carried it. */
async function showOnParent(
  client: webApi.WebClient,
  body: BlockAction<ButtonAction>,
  shown: string,
): Promise<void> {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message;
  if (channel === undefined || message === undefined) return;
  const blocks = acknowledgedBlocks((message.blocks ?? []) as types.KnownBlock[], shown);
  await client.chat.update({
    channel,
    ts: message.ts,
    text: String(message.text ?? shown),
    blocks,
  });
}
