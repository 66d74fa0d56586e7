// A stored page's thread, reached from any process: where it was stored once announced, before
// sending (Thread.where), reopened by the chat it was posted in. Delivery receipts, replies,
// acknowledgements, escalations and pages taken over from a stopped replica all post their notes
// here; a reply that matches no page goes to a channel of its own.
import type { PageAnnouncement } from "../page/types.js";
import type { Store } from "../store/types.js";
import type { DeliveryEditor } from "./types.js";

export interface ThreadPoster {
  /** The chat that reopens threads of pages posted on `platform`, in this process. */
  attach(platform: string, editor: DeliveryEditor): void;
  /** The editor of the chat `pageId` was posted in, when this process runs it. */
  editorFor(platform: string): DeliveryEditor | undefined;
  /**
   * Posts `text` in the thread of `pageId`'s first page (an escalation's thread is its first
   * page's), notifying `mention`, a user id of that chat. Resolves to false when that page has
   * no stored thread or its chat does not run here.
   */
  note(pageId: number, text: string, mention?: string): Promise<boolean>;
  /**
   * Posts `text` in a channel by its id, through the first chat attached that can (one chat
   * runs, as a rule). Resolves to false when none can.
   */
  noteChannel(channelId: string, text: string): Promise<boolean>;
  /** Shows who acknowledged on the parent message of `pageId`; false when no chat here can. */
  showAcknowledged(pageId: number, announcement: PageAnnouncement, shown: string): Promise<boolean>;
}

export function createThreadPoster(
  store: Pick<Store, "chatMessages" | "firstPageOf" | "pageThread">,
): ThreadPoster {
  const editors = new Map<string, DeliveryEditor>();
  return {
    attach: (platform, editor) => void editors.set(platform, editor),
    editorFor: (platform) => editors.get(platform),
    async note(pageId, text, mention) {
      const stored = await store.pageThread(await store.firstPageOf(pageId));
      const editor = stored && editors.get(stored.platform);
      if (stored === undefined || editor === undefined) return false;
      await editor.threadAt(stored.thread).note(text, mention);
      return true;
    },
    async showAcknowledged(pageId, announcement, shown) {
      const messages = await store.chatMessages(pageId);
      const editor = messages && editors.get(messages.platform);
      if (messages === undefined || editor?.showAcknowledged === undefined) return false;
      await editor.showAcknowledged(messages, announcement, shown);
      return true;
    },
    async noteChannel(channelId, text) {
      const editor = [...editors.values()].find((each) => each.channel !== undefined);
      if (editor?.channel === undefined) return false;
      await editor.channel(channelId).note(text);
      return true;
    },
  };
}
