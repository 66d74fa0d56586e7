import type {
  ConfirmAnswer,
  ConfirmQuestion,
  PageAnnouncement,
  PageReport,
  ResendOffer,
  Surface,
} from "../../src/page/types.js";

/** A Surface that remembers everything the core asked of it, in order. */
export interface RecordingSurface extends Surface {
  privateReplies: string[];
  announcements: PageAnnouncement[];
  reports: PageReport[];
  /** Further thread messages after a report (low credit). */
  notes: string[];
  questions: ConfirmQuestion[];
  /** Offers to resend to unknown numbers, shown privately. */
  offers: ResendOffer[];
  /** When set, announce fails with this error (a chat refusing the post). */
  failAnnounceWith?: Error;
  /**
   * How a confirmation question is answered: at once with this answer (confirmed by default),
   * or "wait" to leave it open until the core's deadline aborts it.
   */
  confirmWith: ConfirmAnswer | "wait";
}

export function recordingSurface(): RecordingSurface {
  const surface: RecordingSurface = {
    privateReplies: [],
    announcements: [],
    reports: [],
    notes: [],
    questions: [],
    offers: [],
    confirmWith: "confirmed",
    async replyPrivately(text) {
      surface.privateReplies.push(text);
    },
    async announce(announcement) {
      if (surface.failAnnounceWith) throw surface.failAnnounceWith;
      surface.announcements.push(announcement);
      return {
        async report(report) {
          surface.reports.push(report);
        },
        async note(text) {
          surface.notes.push(text);
        },
      };
    },
    async offerResend(offer) {
      surface.offers.push(offer);
    },
    confirm(question, expired) {
      surface.questions.push(question);
      const answer = surface.confirmWith;
      if (answer !== "wait") return Promise.resolve(answer);
      return new Promise((resolve) => {
        expired.addEventListener("abort", () => resolve("expired"), { once: true });
      });
    },
  };
  return surface;
}
