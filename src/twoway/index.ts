// Two-way SMS: the reply hint a page ends with, reading a reply as an acknowledgement, the
// settings CSOFT_REPLY_TO, SMS_ACK_WORDS and SMS_REPLY_WINDOW, and storing a reply csoft posts.
export { type ReplyIntent, readReply } from "./ack.js";
export { replyHint, type SmsText, withReplyHint } from "./hint.js";
export { type InboundDeps, type StoredReply, storeInboundReply } from "./inbound-handler.js";
export { type TwoWayConfig, twoWayConfig, twoWayEnvShape } from "./settings.js";
