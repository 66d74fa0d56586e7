// Plain-text renderings of what the pager says: a page and its results, history and status,
// credit, and confirmation questions. Adapters render richer forms from the same pieces.
export { CONFIRM_REPLIES, renderConfirmQuestion } from "./confirm.js";
export { renderCredit, renderCreditFailure } from "./credit.js";
export { renderHistory, renderStatus } from "./history.js";
export { renderAnnouncement, renderPreview, renderReport } from "./text.js";
