// Delivery receipts, from stored to seen: createDeliveries stores each receipt (a burst in a few
// commits), then edits the page's report through its chat's DeliveryEditor at most once per
// interval, and notes numbers not delivered in the thread with a mention of the requester.
// ThreadPoster (threads.ts) is the one way to a stored page's thread, from where it was stored
// once announced: receipts, replies, acknowledgements, escalations and interrupted pages.
export {
  createDeliveries,
  type Deliveries,
  type DeliveriesOptions,
  type ReceiptMetrics,
} from "./service.js";
export { createThreadPoster, type ThreadPoster } from "./threads.js";
export type {
  DeliveryEditor,
  DeliveryView,
  NotDeliveredNotice,
  NoteThread,
  ReceiptEvent,
  Requester,
} from "./types.js";
