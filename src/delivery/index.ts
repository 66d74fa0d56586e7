// Delivery receipts, from stored to seen: createDeliveries stores each receipt (a burst in a few
// commits), then edits the page's report through its chat's DeliveryEditor at most once per
// interval, and notes numbers not delivered in the thread with a mention of the requester.
// Deliveries.noteInThread posts in a page's thread from where it was stored once announced
// (a page taken over from a process that stopped mid-send).
export {
  createDeliveries,
  type Deliveries,
  type DeliveriesOptions,
  type ReceiptMetrics,
} from "./service.js";
export type {
  DeliveryEditor,
  DeliveryView,
  NotDeliveredNotice,
  NoteThread,
  ReceiptEvent,
  Requester,
} from "./types.js";
