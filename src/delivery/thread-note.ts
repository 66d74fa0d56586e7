import type { Store } from "../store/types.js";
import type { DeliveryEditor } from "./types.js";

/**
 * Posts `text` in a page's thread from where it was stored once announced, through the editor
 * of its chat; false when the thread was not stored or its chat cannot post in it here.
 */
export async function noteInThread(
  { store, editors }: { store: Store; editors: ReadonlyMap<string, DeliveryEditor> },
  pageId: number,
  text: string,
): Promise<boolean> {
  const stored = await store.pageThread(pageId);
  const editor = stored && editors.get(stored.platform);
  if (stored === undefined || editor?.threadAt === undefined) return false;
  await editor.threadAt(stored.thread).note(text);
  return true;
}
